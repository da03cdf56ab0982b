package org.polyhead.hierarchy;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.polyhead.encoder.WeightInit;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.SeparateHeads;

/** {@code flat}: an independent linear head per level (the {@code separate} design); levels share only the encoder. */
public final class FlatHeads implements HierarchyHeads {
    @Override
    public Map<String, SDVariable> outputs(SameDiff sd, SDVariable features, int featureWidth, List<LabelGroup> groups,
                                           WeightInit init) {
        return new SeparateHeads().outputs(sd, features, featureWidth, groups, init);
    }
}
