package org.polyhead.report;

import java.util.Locale;

/**
 * An estimate with a two-sided confidence interval, e.g. an accuracy with its 95% bootstrap interval.
 *
 * @param estimate the statistic on the data as observed
 * @param low      lower bound
 * @param high     upper bound
 */
public record Interval(double estimate, double low, double high) {

    /** Whether zero lies outside the interval: a difference the data supports at this level. */
    public boolean excludesZero() {
        return low > 0 || high < 0;
    }

    public boolean contains(double v) {
        return low <= v && v <= high;
    }

    /** {@code 0.8123 [0.7811, 0.8420]}. */
    public String format() {
        return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", estimate, low, high);
    }

    /** {@code +0.0312 [+0.0051, +0.0570]}, for differences. */
    public String formatSigned() {
        return String.format(Locale.ROOT, "%+.4f [%+.4f, %+.4f]", estimate, low, high);
    }
}
