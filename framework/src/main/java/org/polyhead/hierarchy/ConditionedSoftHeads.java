package org.polyhead.hierarchy;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.polyhead.encoder.WeightInit;
import org.polyhead.heads.LabelGroup;

/**
 * {@code conditioned-soft}: level k's head sees the features and the parent level's predicted distribution,
 * z_k = [h, softmax(z_{k−1})]·W_k + b_k. The same input in training and prediction (no train/inference gap), and the
 * lower level's loss also trains the parent head through the distribution it reads.
 */
public final class ConditionedSoftHeads extends SoftParentHeads {
    @Override
    SDVariable parentInput(SameDiff sd, LabelGroup parent, SDVariable p, WeightInit init) {
        return p;
    }

    @Override
    int parentInputWidth(LabelGroup parent) {
        return parent.width();
    }
}
