package org.polyhead.heads;

import com.google.common.base.Preconditions;

/**
 * Standardisation of a continuous target, y' = (y − mean) / std, with mean and std taken from the training split. The
 * graph trains on y' and reports predictions back in original units, so metrics (MAE, RMSE) and saved-model
 * predictions never see standardised values. {@link #IDENTITY} leaves targets as they are.
 */
public record TargetScale(double mean, double std) {
    public static final TargetScale IDENTITY = new TargetScale(0, 1);

    public TargetScale {
        Preconditions.checkArgument(Double.isFinite(mean) && std > 0 && Double.isFinite(std),
                "a target scale needs a finite mean and a positive std, got %s, %s", mean, std);
    }

    /** The scale of a sample; a constant sample gets std 1 so it is only centred. */
    public static TargetScale of(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v / values.length;
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double std = values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0;
        return new TargetScale(mean, std > 0 ? std : 1);
    }

    public boolean isIdentity() {
        return mean == 0 && std == 1;
    }
}
