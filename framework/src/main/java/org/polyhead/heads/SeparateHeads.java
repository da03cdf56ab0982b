package org.polyhead.heads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.polyhead.encoder.WeightInit;

/** {@code separate}: one linear head per group on the shared features; groups share nothing but the encoder. */
public final class SeparateHeads implements GroupHeads {
    @Override
    public Map<String, SDVariable> outputs(SameDiff sd, SDVariable features, int featureWidth, List<LabelGroup> groups,
                                           WeightInit init) {
        Map<String, SDVariable> out = new LinkedHashMap<>();
        for (LabelGroup g : groups) {
            out.put(g.name(), Linear.apply(sd, "head." + g.name(), features, featureWidth, g.width(), init));
        }
        return out;
    }
}
