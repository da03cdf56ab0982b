package org.polyhead.hierarchy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.polyhead.encoder.WeightInit;
import org.polyhead.heads.GroupHeads;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.Linear;

/**
 * One stage of staged training: a head for one level that reads, besides the features, the parent level's
 * probabilities from the previous stage's model, fed through the {@value #PARENT} placeholder [B, parents]
 * (z = [h, p_parent]·W + b). The parent probabilities come from data the parent model never trained on.
 */
public final class ParentInputHeads implements GroupHeads {
    public static final String PARENT = "parent.probs";
    private final int parents;

    public ParentInputHeads(int parents) {
        this.parents = parents;
    }

    @Override
    public Map<String, SDVariable> outputs(SameDiff sd, SDVariable h, int width, List<LabelGroup> groups,
                                           WeightInit init) {
        SDVariable parent = sd.placeHolder(PARENT, h.dataType(), -1, parents);
        Map<String, SDVariable> out = new LinkedHashMap<>();
        for (LabelGroup g : groups) {
            out.put(g.name(), Linear.apply(sd, "head." + g.name(), sd.concat(1, h, parent), width + parents,
                    g.width(), init));
        }
        return out;
    }
}
