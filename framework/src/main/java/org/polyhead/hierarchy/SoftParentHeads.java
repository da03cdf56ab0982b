package org.polyhead.hierarchy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.polyhead.encoder.WeightInit;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.Linear;

/**
 * Designs in which level k's head reads the features and a differentiable function of the parent level's predicted
 * distribution, z_k = [h, f(softmax(z_{k−1}))]·W_k + b_k: the same input in training and prediction, and the lower
 * level's loss also trains the parent head through it. A design says what f is ({@link #parentInput}).
 */
abstract class SoftParentHeads implements HierarchyHeads {
    /** f(p) for the parent level's predicted distribution p [B, parent.width()]. */
    abstract SDVariable parentInput(SameDiff sd, LabelGroup parent, SDVariable p, WeightInit init);

    /** The width of {@link #parentInput}. */
    abstract int parentInputWidth(LabelGroup parent);

    @Override
    public final Map<String, SDVariable> outputs(SameDiff sd, SDVariable h, int width, List<LabelGroup> groups,
                                                 WeightInit init) {
        Map<String, SDVariable> out = new LinkedHashMap<>();
        SDVariable parent = null;
        int parentWidth = 0;
        for (int k = 0; k < groups.size(); k++) {
            LabelGroup g = groups.get(k);
            SDVariable in = parent == null ? h : sd.concat(1, h, parent);
            SDVariable z = Linear.apply(sd, "head." + g.name(), in, width + parentWidth, g.width(), init);
            out.put(g.name(), z);
            if (k + 1 < groups.size()) { // the last level has no child to condition
                parent = parentInput(sd, g, sd.nn().softmax(z, -1), init);
                parentWidth = parentInputWidth(g);
            }
        }
        return out;
    }
}
