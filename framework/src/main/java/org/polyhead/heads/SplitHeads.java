package org.polyhead.heads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.polyhead.encoder.WeightInit;

/**
 * {@code split}: one linear layer with Σ|C_k| outputs, sliced per group (each slice gets its own softmax/loss). This is
 * the "7 outputs, argmax per slice" design; with per-slice losses it equals {@link SeparateHeads}.
 */
public final class SplitHeads implements GroupHeads {
    @Override
    public Map<String, SDVariable> outputs(SameDiff sd, SDVariable features, int featureWidth, List<LabelGroup> groups,
                                           WeightInit init) {
        int total = groups.stream().mapToInt(LabelGroup::width).sum();
        SDVariable all = Linear.apply(sd, "head.split", features, featureWidth, total, init);
        Map<String, SDVariable> out = new LinkedHashMap<>();
        int from = 0;
        for (LabelGroup g : groups) {
            out.put(g.name(), all.get(SDIndex.all(), SDIndex.interval(from, from + g.width())));
            from += g.width();
        }
        return out;
    }
}
