package org.polyhead.task;

import java.util.List;
import org.polyhead.UserError;
import org.polyhead.heads.LabelGroup;
import org.polyhead.spec.ExperimentSpec;

/** Per-group loss weights from a spec: π for two groups → (π, 1−π), explicit weights for K groups, or all 1. */
public final class LossWeights {
    private LossWeights() {}

    public static double[] of(ExperimentSpec.LossSpec loss, List<LabelGroup> groups) {
        int k = groups.size();
        if (loss.pi() != null) {
            if (k != 2) {
                throw new UserError("loss.pi: needs exactly two groups, the spec has " + k + "; use loss.weights");
            }
            return new double[] {loss.pi(), 1 - loss.pi()};
        }
        if (!loss.weights().isEmpty()) {
            if (loss.weights().size() != k) {
                throw new UserError("loss.weights: has " + loss.weights().size() + " values for " + k + " groups");
            }
            return loss.weights().stream().mapToDouble(Double::doubleValue).toArray();
        }
        double[] ones = new double[k];
        java.util.Arrays.fill(ones, 1.0);
        return ones;
    }
}
