package org.polyhead.graph;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Differentiable building blocks that SameDiff 1.0.0-M2.1 lacks or gets wrong, built from primitives that pass
 * gradient checks: a dense layer on [B, T, d] (tensorMmul's backprop fails on rank 3), exact GELU (the built-in gelu is
 * the sigmoid approximation) and LayerNorm with BERT's epsilon. Dropout is {@link DropoutMasks}.
 */
public final class Ops {
    private static final double SQRT_HALF = Math.sqrt(0.5);

    private Ops() {}

    /** x·W + b for x of shape [B, T, in] and W [in, out]: flattened to 2-D, multiplied, and reshaped back. */
    public static SDVariable dense(SameDiff sd, SDVariable x, SDVariable W, SDVariable b) {
        long in = W.getShape()[0];
        long out = W.getShape()[1];
        SDVariable flat = sd.reshape(x, -1, in).mmul(W).add(b);
        SDVariable leading = sd.shape(x).get(SDIndex.interval(0, 2));
        return sd.reshape(flat, sd.concat(0, leading, sd.constant(Nd4j.createFromArray(out))));
    }

    /** GELU with the error function, as in BERT: 0.5·x·(1 + erf(x/√2)). */
    public static SDVariable gelu(SameDiff sd, SDVariable x) {
        return x.mul(0.5).mul(sd.math().erf(x.mul(SQRT_HALF)).add(1.0));
    }

    /**
     * LayerNorm of [B, T, d] over d with gain γ and bias β. The axis is given as 2, not −1: a keep-dims mean over
     * axis −1 returns wrong values in 1.0.0-M2.1 (measured).
     */
    public static SDVariable layerNorm(SameDiff sd, SDVariable x, SDVariable gamma, SDVariable beta, double eps) {
        SDVariable mu = x.mean(true, 2);
        SDVariable centred = x.sub(mu);
        SDVariable var = centred.mul(centred).mean(true, 2);
        return centred.div(sd.math().sqrt(var.add(eps))).mul(gamma).add(beta);
    }
}
