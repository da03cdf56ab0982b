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
 * {@code conditioned-embedding}: level k's head sees the features and the probability-weighted embedding of the parent
 * level's labels, e_k = softmax(z_{k−1})·E_{k−1} with a learned table E_{k−1} [parents, d_e], and
 * z_k = [h, e_k]·W_k + b_k. Like {@link ConditionedSoftHeads} it has no train/inference gap; unlike it, the input a
 * lower head adds is d_e wide whatever the number of parent labels, and parents with similar children can learn
 * similar embeddings.
 */
public final class ConditionedEmbeddingHeads implements HierarchyHeads {
    /** d_e: the width of a parent-label embedding. */
    public static final int EMBEDDING = 16;

    @Override
    public HierarchyHeads bind(Taxonomy taxonomy) {
        return this;
    }

    @Override
    public Map<String, SDVariable> outputs(SameDiff sd, SDVariable h, int width, List<LabelGroup> groups,
                                           WeightInit init) {
        Map<String, SDVariable> out = new LinkedHashMap<>();
        SDVariable parentEmbedding = null;
        for (int k = 0; k < groups.size(); k++) {
            LabelGroup g = groups.get(k);
            SDVariable in = parentEmbedding == null ? h : sd.concat(1, h, parentEmbedding);
            SDVariable z = Linear.apply(sd, "head." + g.name(), in, parentEmbedding == null ? width : width + EMBEDDING,
                    g.width(), init);
            out.put(g.name(), z);
            if (k + 1 < groups.size()) { // the last level has no child to condition
                parentEmbedding = embed(sd, g, sd.nn().softmax(z, -1), init);
            }
        }
        return out;
    }

    /** e = p·E: the expected embedding of this level's label under its predicted distribution p [B, labels]. */
    private static SDVariable embed(SameDiff sd, LabelGroup level, SDVariable p, WeightInit init) {
        SDVariable E = sd.var("head." + level.name() + ".label_embedding", init.normal(level.width(), EMBEDDING));
        return p.mmul(E);
    }
}
