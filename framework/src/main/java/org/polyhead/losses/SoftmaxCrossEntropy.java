package org.polyhead.losses;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** Single-label cross-entropy: L = −mean_b Σ_c y_bc · log softmax(z_b)_c, with y one-hot. */
public final class SoftmaxCrossEntropy implements GroupLoss {
    @Override
    public SDVariable loss(SameDiff sd, SDVariable z, SDVariable y) {
        return Stable.logSoftmax(sd, z).mul(y).sum(1).mean().neg();
    }

    @Override
    public SDVariable prediction(SameDiff sd, SDVariable z) {
        return sd.nn().softmax(z, -1);
    }
}
