package org.polyhead.train;

import com.google.common.base.Preconditions;

/**
 * Adam with decoupled weight decay and a linear warm-up then linear decay of the learning rate, BERT's recipe.
 *
 * @param lr          peak learning rate
 * @param warmupSteps steps of linear warm-up from 0 to {@code lr}
 * @param totalSteps  step at which the rate has decayed linearly to 0 (0 = constant after warm-up)
 */
public record OptimConfig(double lr, int warmupSteps, int totalSteps, double beta1, double beta2, double eps,
                          double weightDecay) {
    public OptimConfig {
        Preconditions.checkArgument(lr > 0, "lr must be > 0, got %s", lr);
        Preconditions.checkArgument(warmupSteps >= 0 && totalSteps >= 0, "steps must be >= 0");
    }

    public static OptimConfig adam(double lr, int warmupSteps, int totalSteps) {
        return new OptimConfig(lr, warmupSteps, totalSteps, 0.9, 0.999, 1e-8, 0.0);
    }

    /** The learning rate at (0-based) step t. */
    public double rateAt(int t) {
        if (warmupSteps > 0 && t < warmupSteps) {
            return lr * (t + 1) / warmupSteps;
        }
        if (totalSteps <= warmupSteps) {
            return lr;
        }
        return lr * Math.max(0.0, (double) (totalSteps - t) / (totalSteps - warmupSteps));
    }
}
