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
 * {@code conditioned-soft}: level k's head sees the features and the parent level's predicted distribution,
 * z_k = [h, softmax(z_{k−1})]·W_k + b_k. The same input in training and prediction (no train/inference gap), and the
 * lower level's loss also trains the parent head through the distribution it reads.
 */
public final class ConditionedSoftHeads implements HierarchyHeads {
    @Override
    public HierarchyHeads bind(Taxonomy taxonomy) {
        return this;
    }

    @Override
    public Map<String, SDVariable> outputs(SameDiff sd, SDVariable h, int width, List<LabelGroup> groups,
                                           WeightInit init) {
        Map<String, SDVariable> out = new LinkedHashMap<>();
        SDVariable parent = null;
        int parentWidth = 0;
        for (LabelGroup g : groups) {
            SDVariable in = parent == null ? h : sd.concat(1, h, parent);
            SDVariable z = Linear.apply(sd, "head." + g.name(), in, width + parentWidth, g.width(), init);
            out.put(g.name(), z);
            parent = sd.nn().softmax(z, -1);
            parentWidth = g.width();
        }
        return out;
    }
}
