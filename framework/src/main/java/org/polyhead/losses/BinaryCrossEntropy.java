package org.polyhead.losses;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Multi-label loss: an independent sigmoid per class, L = mean_b Σ_c [softplus(z) − y·z] (= −y·log σ(z) − (1−y)·log(1 −
 * σ(z))), with the stable softplus so that confident logits stay finite.
 */
public final class BinaryCrossEntropy implements GroupLoss {
    @Override
    public SDVariable loss(SameDiff sd, SDVariable z, SDVariable y) {
        return Stable.softplus(sd, z).sub(z.mul(y)).sum(1).mean();
    }

    @Override
    public SDVariable prediction(SameDiff sd, SDVariable z) {
        return sd.nn().sigmoid(z);
    }
}
