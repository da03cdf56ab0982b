package org.polyhead.model;

import java.util.List;
import org.polyhead.encoder.EncoderConfig;
import org.polyhead.heads.GroupHeads;
import org.polyhead.heads.LabelGroup;
import org.polyhead.losses.Weighting;
import org.polyhead.pooling.Pooling;

/** Everything that decides a multi-group model's graph: encoder shapes, pooling, head design, groups and weighting. */
public record ModelSpec(EncoderConfig encoder, Pooling pooling, GroupHeads heads, List<LabelGroup> groups,
                        Weighting weighting) {
    public ModelSpec {
        groups = List.copyOf(groups);
    }
}
