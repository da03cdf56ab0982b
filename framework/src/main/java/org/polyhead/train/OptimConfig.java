package org.polyhead.train;

import com.google.common.base.Preconditions;

/**
 * Adam with decoupled weight decay and a linear warm-up followed by a linear (BERT's recipe) or cosine decay of the
 * learning rate to 0.
 *
 * @param lr          peak learning rate (the encoder's, when {@link ParameterGroups} gives the heads their own)
 * @param warmupSteps steps of linear warm-up from 0 to {@code lr}
 * @param totalSteps  step at which the rate has decayed to 0 (0 = constant after warm-up)
 * @param decay       the shape of the decay after warm-up
 */
public record OptimConfig(double lr, int warmupSteps, int totalSteps, double beta1, double beta2, double eps,
                          double weightDecay, Decay decay) {

    /** How the rate falls from its peak to 0 between the end of warm-up and {@code totalSteps}. */
    public enum Decay { LINEAR, COSINE }

    public OptimConfig {
        Preconditions.checkArgument(lr > 0, "lr must be > 0, got %s", lr);
        Preconditions.checkArgument(warmupSteps >= 0 && totalSteps >= 0, "steps must be >= 0");
        decay = decay == null ? Decay.LINEAR : decay;
    }

    /** Linear decay. */
    public OptimConfig(double lr, int warmupSteps, int totalSteps, double beta1, double beta2, double eps,
                       double weightDecay) {
        this(lr, warmupSteps, totalSteps, beta1, beta2, eps, weightDecay, Decay.LINEAR);
    }

    /** Adam's default moments (β₁ 0.9, β₂ 0.999, ε 1e-8) with decoupled weight decay and the given schedule. */
    public static OptimConfig adamW(double lr, int warmupSteps, int totalSteps, double weightDecay, Decay decay) {
        return new OptimConfig(lr, warmupSteps, totalSteps, 0.9, 0.999, 1e-8, weightDecay, decay);
    }

    /** Adam without weight decay, linear decay. */
    public static OptimConfig adam(double lr, int warmupSteps, int totalSteps) {
        return adamW(lr, warmupSteps, totalSteps, 0.0, Decay.LINEAR);
    }

    /** The learning rate at (0-based) step t. */
    public double rateAt(int t) {
        return rateAt(t, lr);
    }

    /** The rate at (0-based) step t of a parameter group whose peak is {@code peak}: the same schedule, scaled. */
    public double rateAt(int t, double peak) {
        if (warmupSteps > 0 && t < warmupSteps) {
            return peak * (t + 1) / warmupSteps;
        }
        if (totalSteps <= warmupSteps) {
            return peak;
        }
        double remaining = Math.max(0.0, (double) (totalSteps - t) / (totalSteps - warmupSteps));
        return switch (decay) {
            case LINEAR -> peak * remaining;
            case COSINE -> peak * 0.5 * (1 + Math.cos(Math.PI * (1 - remaining)));
        };
    }
}
