package org.polyhead.report;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Percentile bootstrap confidence intervals (Efron and Tibshirani 1993, ch. 13): resample the units (test examples, or
 * seeds) with replacement {@link #RESAMPLES} times with a fixed seed, compute the statistic on each resample, and take
 * the 2.5th and 97.5th percentiles. A fixed seed makes a report reproduce its intervals exactly.
 *
 * <p>For a paired comparison of two models on the same test examples, the resample draws example indices once and
 * both models are scored on the same draw ({@link #pairedDifference}), so the interval reflects the variation of the
 * difference, not of each accuracy on its own.
 */
public final class Bootstrap {
    /** Resamples per interval. */
    public static final int RESAMPLES = 1000;
    /** The seed every report uses. */
    public static final long SEED = 20261128L;
    /** Two-sided level: 95%. */
    public static final double LEVEL = 0.95;

    private Bootstrap() {}

    /**
     * The interval of {@code statistic} over {@code n} units; the statistic receives the resampled unit indices
     * (the identity order for the estimate itself).
     */
    public static Interval of(int n, ToDoubleFunction<int[]> statistic, int resamples, long seed) {
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN);
        }
        int[] identity = new int[n];
        Arrays.setAll(identity, i -> i);
        double estimate = statistic.applyAsDouble(identity);
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int[] draw = new int[n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                draw[i] = random.nextInt(n);
            }
            values[b] = statistic.applyAsDouble(draw);
        }
        Arrays.sort(values);
        double tail = (1 - LEVEL) / 2;
        return new Interval(estimate, percentile(values, tail), percentile(values, 1 - tail));
    }

    /** The interval of the mean of {@code values} (e.g. one accuracy per seed). */
    public static Interval mean(double[] values) {
        return of(values.length, idx -> meanOf(values, idx), RESAMPLES, SEED);
    }

    /**
     * The interval of an accuracy over test examples; {@code correct[r][i]} says whether run {@code r} (e.g. a seed)
     * got example {@code i} right, and the statistic is the mean over runs of each run's accuracy on the draw.
     */
    public static Interval accuracy(boolean[][] correct) {
        return of(correct[0].length, idx -> accuracy(correct, idx), RESAMPLES, SEED);
    }

    /** The interval of accuracy(a) − accuracy(b) over the same test examples, resampled in pairs. */
    public static Interval pairedDifference(boolean[][] a, boolean[][] b) {
        if (a[0].length != b[0].length) {
            throw new IllegalArgumentException("paired runs need the same test examples: " + a[0].length + " vs "
                    + b[0].length);
        }
        return of(a[0].length, idx -> accuracy(a, idx) - accuracy(b, idx), RESAMPLES, SEED);
    }

    private static double accuracy(boolean[][] correct, int[] idx) {
        double sum = 0;
        for (boolean[] run : correct) {
            int right = 0;
            for (int i : idx) {
                right += run[i] ? 1 : 0;
            }
            sum += (double) right / idx.length;
        }
        return sum / correct.length;
    }

    private static double meanOf(double[] values, int[] idx) {
        double sum = 0;
        for (int i : idx) {
            sum += values[i];
        }
        return sum / idx.length;
    }

    /** Linear interpolation between order statistics (the common "type 7" definition). */
    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
