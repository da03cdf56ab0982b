package org.polyhead.losses;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The loss of one label group, a scalar mean over the batch, built from primitives: SameDiff's built-in loss ops ignore
 * the upstream gradient, so a weighted sum of them would train unweighted (docs/samediff-m2.1.md §1).
 */
public interface GroupLoss {

    /** @param output the group's raw head output [B, width]; @param target the target placeholder [B, width] */
    SDVariable loss(SameDiff sd, SDVariable output, SDVariable target);

    /** What the model reports as its prediction for this group (probabilities or values), [B, width]. */
    SDVariable prediction(SameDiff sd, SDVariable output);
}
