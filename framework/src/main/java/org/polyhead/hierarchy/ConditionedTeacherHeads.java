package org.polyhead.hierarchy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.polyhead.encoder.WeightInit;
import org.polyhead.graph.Ops;
import org.polyhead.graph.Phase;
import org.polyhead.heads.LabelGroup;

/**
 * {@code conditioned-teacher}: level k's head sees the features and a one-hot parent, the true parent while training
 * (teacher forcing) and the predicted parent (argmax of level k−1) at prediction, switched by the {@link Phase}
 * placeholder: u = φ·y_{k−1} + (1−φ)·onehot(argmax z_{k−1}). The price is a train/inference gap; to measure it, the
 * graph also outputs {@code teacher.<level>}, level k's probabilities given the true parent whatever the phase.
 */
public final class ConditionedTeacherHeads implements HierarchyHeads {
    public static final String TEACHER = "teacher.";

    @Override
    public Map<String, SDVariable> outputs(SameDiff sd, SDVariable h, int width, List<LabelGroup> groups,
                                           WeightInit init) {
        DataType type = h.dataType();
        SDVariable phase = Phase.training(sd, type);
        Map<String, SDVariable> out = new LinkedHashMap<>();
        LabelGroup parentGroup = null;
        SDVariable parentLogits = null;
        for (LabelGroup g : groups) {
            int in = width + (parentGroup == null ? 0 : parentGroup.width());
            SDVariable W = sd.var("head." + g.name() + ".weight", init.normal(in, g.width()));
            SDVariable b = sd.var("head." + g.name() + ".bias", init.zeros(g.width()));
            if (parentGroup == null) {
                out.put(g.name(), h.mmul(W).add(b));
            } else {
                SDVariable truth = target(sd, parentGroup, type);
                SDVariable predicted = oneHotArgmax(sd, parentLogits, type);
                SDVariable u = phase.mul(truth).add(phase.rsub(1.0).mul(predicted));
                out.put(g.name(), sd.concat(1, h, u).mmul(W).add(b));
                sd.nn().softmax(sd.concat(1, h, truth).mmul(W).add(b), -1).rename(TEACHER + g.name());
            }
            parentGroup = g;
            parentLogits = out.get(g.name());
        }
        return out;
    }

    /** Level k's probabilities given the true parent, {@code teacher.<level>} for every level below the top. */
    @Override
    public List<String> diagnosticOutputs(List<LabelGroup> levels) {
        return levels.stream().skip(1).map(g -> TEACHER + g.name()).toList();
    }

    /** The group's target placeholder, shared with the loss (which finds it already declared). */
    static SDVariable target(SameDiff sd, LabelGroup g, DataType type) {
        return Ops.placeholder(sd, g.targetName(), type, -1, g.width());
    }

    /** 1 at each row's largest logit; carries no gradient (it only matters at prediction). */
    static SDVariable oneHotArgmax(SameDiff sd, SDVariable z, DataType type) {
        SDVariable fixed = new org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient(sd, z).outputVariable();
        return sd.eq(fixed, fixed.max(true, 1)).castTo(type);
    }
}
