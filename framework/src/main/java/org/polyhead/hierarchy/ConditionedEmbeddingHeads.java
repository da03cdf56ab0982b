package org.polyhead.hierarchy;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.polyhead.encoder.WeightInit;
import org.polyhead.heads.LabelGroup;

/**
 * {@code conditioned-embedding}: level k's head sees the features and the probability-weighted embedding of the parent
 * level's labels, e_k = softmax(z_{k−1})·E_{k−1} with a learned table E_{k−1} [parents, d_e], and
 * z_k = [h, e_k]·W_k + b_k. Like {@link ConditionedSoftHeads} it has no train/inference gap; unlike it, the input a
 * lower head adds is d_e wide whatever the number of parent labels, and parents with similar children can learn
 * similar embeddings.
 */
public final class ConditionedEmbeddingHeads extends SoftParentHeads {
    /** d_e: the width of a parent-label embedding. */
    public static final int EMBEDDING = 16;

    /** e = p·E: the expected embedding of the parent's label under its predicted distribution p [B, labels]. */
    @Override
    SDVariable parentInput(SameDiff sd, LabelGroup parent, SDVariable p, WeightInit init) {
        SDVariable E = sd.var("head." + parent.name() + ".label_embedding", init.normal(parent.width(), EMBEDDING));
        return p.mmul(E);
    }

    @Override
    int parentInputWidth(LabelGroup parent) {
        return EMBEDDING;
    }
}
