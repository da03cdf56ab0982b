package org.polyhead.losses;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Regression with the Huber loss (δ = 1): quadratic for residuals within δ, linear beyond, so outlying targets pull
 * less than under squared error. Built as ½q² + δ·(a − q) with a = |r| and q = min(a, δ) = a − relu(a − δ).
 */
public final class HuberLoss implements GroupLoss {
    static final double DELTA = 1.0;

    @Override
    public SDVariable loss(SameDiff sd, SDVariable z, SDVariable y) {
        SDVariable a = sd.math().abs(z.sub(y));
        SDVariable excess = sd.nn().relu(a.sub(DELTA), 0);
        SDVariable q = a.sub(excess);
        // width 1: the mean over all elements is the batch mean (a sum over an axis of size 1 breaks backprop)
        return q.mul(q).mul(0.5).add(excess.mul(DELTA)).mean();
    }

    @Override
    public SDVariable prediction(SameDiff sd, SDVariable z) {
        return z.add(0.0);
    }
}
