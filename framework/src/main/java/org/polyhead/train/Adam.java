package org.polyhead.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam(W) applied to named parameters in place. Written out (a dozen lines) rather than borrowed from ND4J's updaters
 * because it must serve both graph variables and the embedding tables kept outside the graph, with one state that
 * checkpoints save and restore.
 */
public final class Adam {
    private final OptimConfig config;
    private final Map<String, INDArray> m = new LinkedHashMap<>();
    private final Map<String, INDArray> v = new LinkedHashMap<>();
    private int step;

    public Adam(OptimConfig config) {
        this.config = config;
    }

    /** One update of every parameter that has a gradient; parameters are changed in place. */
    public void update(Map<String, INDArray> params, Map<String, INDArray> grads) {
        double lr = config.rateAt(step);
        step++;
        double b1 = config.beta1();
        double b2 = config.beta2();
        double lrHat = lr * Math.sqrt(1 - Math.pow(b2, step)) / (1 - Math.pow(b1, step));
        grads.forEach((name, g) -> {
            INDArray p = params.get(name);
            if (p == null) {
                return;
            }
            INDArray mi = m.computeIfAbsent(name, k -> p.ulike().assign(0));
            INDArray vi = v.computeIfAbsent(name, k -> p.ulike().assign(0));
            INDArray gi = g.castTo(p.dataType()).reshape(p.shape());
            mi.muli(b1).addi(gi.mul(1 - b1));
            vi.muli(b2).addi(gi.mul(gi).muli(1 - b2));
            if (config.weightDecay() > 0 && p.rank() > 1) {
                p.subi(p.mul(lr * config.weightDecay()));
            }
            p.subi(mi.div(Transforms.sqrt(vi, true).addi(config.eps())).muli(lrHat));
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
