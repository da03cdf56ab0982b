package org.polyhead.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam(W) applied to named parameters in place. Driven here rather than by SameDiff's training config because it must
 * serve both graph variables and the embedding tables kept outside the graph, with one state that checkpoints save
 * and restore. Each parameter's moments and step come from libnd4j's fused {@code adam_updater} op (one pass over the
 * arrays instead of a dozen elementwise ops: the word table alone is 11.7M values for MiniLM), which computes
 * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², Δ = lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m/(√v + ε), as PyTorch's Adam. Weight decay is
 * decoupled as in AdamW (θ ← θ − lr·λ·θ before the Adam step). Which rate, whether decay applies and which parameters
 * are frozen (no update, no moments) is the {@link ParameterGroups}' call.
 */
public final class Adam {
    private final OptimConfig config;
    private final ParameterGroups groups;
    private final Map<String, INDArray> m = new LinkedHashMap<>();
    private final Map<String, INDArray> v = new LinkedHashMap<>();
    private int step;

    public Adam(OptimConfig config) {
        this(config, ParameterGroups.uniform(config));
    }

    public Adam(OptimConfig config, ParameterGroups groups) {
        this.config = config;
        this.groups = groups;
    }

    /**
     * One update of every parameter that has a gradient; parameters are changed in place, and the gradient arrays are
     * consumed (the fused op overwrites each with its update).
     */
    public void update(Map<String, INDArray> params, Map<String, INDArray> grads) {
        int t = step;
        step++;
        int iteration = step - 1; // adam_updater counts from 0 and raises β to iteration + 1
        grads.forEach((name, g) -> {
            INDArray p = params.get(name);
            if (p == null || groups.frozen(name)) {
                return;
            }
            double lr = config.rateAt(t, groups.peak(name, config.lr()));
            INDArray mi = m.computeIfAbsent(name, k -> p.ulike().assign(0));
            INDArray vi = v.computeIfAbsent(name, k -> p.ulike().assign(0));
            INDArray update = g.castTo(p.dataType()); // the same array when the type already matches
            if (update.isView() || update.ordering() != 'c') {
                update = update.dup('c');
            }
            update = update.reshape('c', p.shape());
            Nd4j.exec(new AdamUpdater(update, vi, mi, lr, config.beta1(), config.beta2(), config.eps(), iteration));
            if (config.weightDecay() > 0 && ParameterGroups.decays(name)) {
                p.muli(1 - lr * config.weightDecay()); // θ − lr·λ·θ in one pass, without a θ-sized temporary
            }
            p.subi(update);
        });
    }

    public int step() {
        return step;
    }

    /** Moment estimates by parameter name, prefixed {@code m/} and {@code v/}, for checkpoints. */
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        m.forEach((k, a) -> s.put("m/" + k, a));
        v.forEach((k, a) -> s.put("v/" + k, a));
        return s;
    }

    public void restore(Map<String, INDArray> state, int step) {
        state.forEach((k, a) -> (k.startsWith("m/") ? m : v).put(k.substring(2), a.dup()));
        this.step = step;
    }
}
