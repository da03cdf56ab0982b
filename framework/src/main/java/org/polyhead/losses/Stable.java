package org.polyhead.losses;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Numerically stable log-softmax and softplus from primitives. SameDiff 1.0.0-M2.1's {@code logSoftmax} underflows to
 * −inf for large logit gaps (0·−inf = NaN in a cross-entropy) and its {@code softplus} returns inf near 100.
 */
public final class Stable {
    private Stable() {}

    /** log softmax over axis 1 of [B, C]: z − m − log Σ exp(z − m) with m the row maximum (its gradient cancels). */
    public static SDVariable logSoftmax(SameDiff sd, SDVariable z) {
        SDVariable shifted = z.sub(z.max(true, 1));
        return shifted.sub(sd.math().log(sd.math().exp(shifted).sum(true, 1)));
    }

    /** log(1 + e^z) = max(z, 0) + log1p(e^−|z|), finite for any finite z. */
    public static SDVariable softplus(SameDiff sd, SDVariable z) {
        return sd.nn().relu(z, 0).add(sd.math().log1p(sd.math().exp(sd.math().abs(z).neg())));
    }
}
