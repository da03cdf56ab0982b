package org.polyhead.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Differentiable building blocks that SameDiff 1.0.0-M2.1 lacks or gets wrong, built from primitives that pass
 * gradient checks: exact GELU (the built-in gelu is the sigmoid approximation) and LayerNorm with BERT's epsilon
 * (the built-in layer_norm has none). Dropout is {@link DropoutMasks}.
 */
public final class Ops {
    private static final double SQRT_HALF = Math.sqrt(0.5);

    private Ops() {}

    /**
     * The placeholder {@code name}, declared by whichever part of the graph reads it first and shared by the others
     * (a group's target is read by its loss and by teacher-forced heads).
     */
    public static SDVariable placeholder(SameDiff sd, String name, DataType type, long... shape) {
        return sd.hasVariable(name) ? sd.getVariable(name) : sd.placeHolder(name, type, shape);
    }

    /** GELU with the error function, as in BERT: 0.5·x·(1 + erf(x/√2)). */
    public static SDVariable gelu(SameDiff sd, SDVariable x) {
        return x.mul(0.5).mul(sd.math().erf(x.mul(SQRT_HALF)).add(1.0));
    }

    /** LayerNorm as a training graph builds it ({@link Purpose#TRAINING}). */
    public static SDVariable layerNorm(SameDiff sd, SDVariable x, SDVariable gamma, SDVariable beta, double eps) {
        return layerNorm(sd, x, gamma, beta, eps, Purpose.TRAINING);
    }

    /**
     * LayerNorm of rows x [N, d] with gain γ [d] and bias β [d]: (x − μ)/√(σ² + ε)·γ + β. In a training graph γ is
     * spread over the rows as 1·γᵀ (a [N, 1]·[1, d] matmul) and multiplied element by element: the broadcasting
     * multiply x̂·γ costs ~20 ms in its backprop at [4096, 128] in SameDiff 1.0.0-M2.1, the matmul and same-shape
     * multiply ~1 ms. An inference graph has no backprop to speed up and multiplies by γ directly, three ops fewer
     * ({@code ones_as}, reshape, matmul). Both give the same values bit for bit: each entry of 1·γᵀ is the single
     * product 1·γ_j.
     */
    public static SDVariable layerNorm(SameDiff sd, SDVariable x, SDVariable gamma, SDVariable beta, double eps,
                                       Purpose purpose) {
        SDVariable mu = x.mean(true, 1);
        SDVariable centred = x.sub(mu);
        SDVariable var = centred.mul(centred).mean(true, 1);
        SDVariable xHat = centred.div(sd.math().sqrt(var.add(eps)));
        SDVariable scale = purpose == Purpose.TRAINING ? sd.onesLike(mu).mmul(sd.reshape(gamma, 1, -1)) : gamma;
        return xHat.mul(scale).add(beta);
    }
}
