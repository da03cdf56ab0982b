package org.polyhead.heads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.polyhead.encoder.WeightInit;
import org.polyhead.graph.Ops;

/**
 * {@code separate-mlp}: one small MLP per group (dense d→d, GELU, dense d→|C_k|) on the shared features, for when a
 * linear read-out of the pooled vector is too weak for one group and the groups should not share that capacity.
 */
public final class SeparateMlpHeads implements GroupHeads {
    @Override
    public Map<String, SDVariable> outputs(SameDiff sd, SDVariable features, int featureWidth, List<LabelGroup> groups,
                                           WeightInit init) {
        Map<String, SDVariable> out = new LinkedHashMap<>();
        for (LabelGroup g : groups) {
            String p = "head." + g.name();
            SDVariable h = Ops.gelu(sd, Linear.apply(sd, p + ".dense", features, featureWidth, featureWidth, init));
            out.put(g.name(), Linear.apply(sd, p + ".out", h, featureWidth, g.width(), init));
        }
        return out;
    }
}
