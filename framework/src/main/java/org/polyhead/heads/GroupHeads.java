package org.polyhead.heads;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.polyhead.encoder.WeightInit;
import org.polyhead.losses.GroupLoss;
import org.polyhead.losses.GroupLosses;

/**
 * A head design: maps the pooled features [B, d] to one raw output per label group (logits for class groups, a value
 * for regression). Probabilities and losses are applied per group afterwards, except by designs that deliberately
 * couple groups (they say so through {@link #loss}).
 */
public interface GroupHeads {

    /** Raw outputs [B, width] per group name, in the order of {@code groups}; features are [B, featureWidth]. */
    Map<String, SDVariable> outputs(SameDiff sd, SDVariable features, int featureWidth, List<LabelGroup> groups,
                                    WeightInit init);

    /** The loss (and prediction) applied to this design's output for {@code g}: by default the group's own. */
    default GroupLoss loss(LabelGroup g) {
        return GroupLosses.of(g);
    }
}
