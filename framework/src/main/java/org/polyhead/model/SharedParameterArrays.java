package org.polyhead.model;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.nd4j.autodiff.samediff.ArrayHolder;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The VARIABLE arrays of an inference graph ({@link GroupModel#inference}): each parameter is looked up in the
 * training graph at every read, so both graphs hold the very same array and nothing can go stale; the graph's other
 * variables (the embedding sum, set per batch) are its own.
 * <p>
 * Pointing the inference graph's variables at the training graph's arrays with {@code setArray} does not work in
 * SameDiff 1.0.0-M2.1: once a variable has an array, {@code setArray} copies the new values into that array when the
 * shapes agree (its {@code ThreadSafeArrayHolder} updates a {@code DeviceLocalNDArray}), so the two graphs would hold
 * two copies, and the optimizer's in-place updates would reach only one (docs/samediff-m2.1.md §10).
 */
final class SharedParameterArrays implements ArrayHolder {
    private final SameDiff source;
    private final ArrayHolder own;
    private final Set<String> parameters;

    /** Parameters {@code parameters} read from {@code source}; the rest kept in {@code own}, which drops its copies. */
    SharedParameterArrays(SameDiff source, ArrayHolder own, Collection<String> parameters) {
        this.source = source;
        this.own = own;
        this.parameters = Set.copyOf(parameters);
        this.parameters.forEach(own::removeArray);
    }

    @Override
    public boolean hasArray(String name) {
        return parameters.contains(name) || own.hasArray(name);
    }

    @Override
    public INDArray getArray(String name) {
        return parameters.contains(name) ? source.getArrForVarName(name) : own.getArray(name);
    }

    /** Setting a parameter sets it in the training graph, which owns it. */
    @Override
    public void setArray(String name, INDArray array) {
        if (parameters.contains(name)) {
            source.getVariable(name).setArray(array);
        } else {
            own.setArray(name, array);
        }
    }

    @Override
    public INDArray removeArray(String name) {
        if (parameters.contains(name)) {
            throw new UnsupportedOperationException(name + " belongs to the training graph");
        }
        return own.removeArray(name);
    }

    @Override
    public int size() {
        return parameters.size() + own.size();
    }

    @Override
    public void initFrom(ArrayHolder arrayHolder) {
        throw new UnsupportedOperationException("an inference graph's arrays come from its training graph");
    }

    @Override
    public Collection<String> arrayNames() {
        Set<String> names = new LinkedHashSet<>(parameters);
        names.addAll(own.arrayNames());
        return names;
    }

    @Override
    public void rename(String from, String to) {
        throw new UnsupportedOperationException("an inference graph's variables keep the training graph's names");
    }
}
