package org.polyhead.hierarchy;

import java.util.List;
import org.polyhead.UserError;
import org.polyhead.heads.GroupHeads;
import org.polyhead.heads.LabelGroup;

/**
 * A head design for label paths, the levels being the groups (top level first). The runner binds the taxonomy before
 * the graph is built ({@link #bind}); the design names the decoder that turns its outputs into one path.
 */
public interface HierarchyHeads extends GroupHeads {

    /** This design bound to the taxonomy whose levels are the groups; itself for designs that do not read it. */
    default HierarchyHeads bind(Taxonomy taxonomy) {
        return this;
    }

    /** How this design's per-level outputs become a path; independent argmaxes unless the design knows better. */
    default PathDecoder decoder(Taxonomy taxonomy) {
        return new ArgmaxDecoder();
    }

    /** Outputs besides the levels' predictions that validation reads (e.g. teacher-forced probabilities); none here. */
    default List<String> diagnosticOutputs(List<LabelGroup> levels) {
        return List.of();
    }

    /** The bound taxonomy, or a user error naming the design when it was used without hierarchy data. */
    static Taxonomy require(Taxonomy taxonomy, String design) {
        if (taxonomy == null) {
            throw new UserError("model.heads: '" + design + "' needs a hierarchy dataset (records with label paths)");
        }
        return taxonomy;
    }
}
