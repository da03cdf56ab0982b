package org.polyhead.report;

import java.util.List;
import java.util.Locale;

/**
 * Mean and sample standard deviation (n − 1) of one metric over the seeds of a configuration: the number every report
 * table shows, so that a reader can tell a real difference between designs from seed noise.
 */
public record Stats(double mean, double std, int n) {

    public static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            return new Stats(Double.NaN, Double.NaN, 0);
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
        double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double std = values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : 0.0;
        return new Stats(mean, std, values.size());
    }

    /** {@code 0.4321 ± 0.0123}; a single run shows its value alone, no runs a dash. */
    public String format() {
        if (n == 0) {
            return "–";
        }
        return n == 1 ? String.format(Locale.ROOT, "%.4f", mean) : String.format(Locale.ROOT, "%.4f ± %.4f", mean, std);
    }
}
