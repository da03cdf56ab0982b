package org.polyhead.run;

import java.util.Map;
import org.polyhead.UserError;

/**
 * Stops training when a named validation metric has not improved for {@code patience} epochs. Loss-like metrics
 * ({@code *loss*}, {@code *mae*}, {@code *rmse*}) improve downwards, all others upwards. No metric: never stops.
 */
final class EarlyStopping {
    private final String metric;
    private final int patience;
    private double best = Double.NaN;
    private int stale;

    EarlyStopping(String metric, int patience) {
        this.metric = metric;
        this.patience = patience;
    }

    /** Loss-like metrics improve downwards. */
    static boolean lowerIsBetter(String metric) {
        return metric.contains("loss") || metric.contains("mae") || metric.contains("rmse");
    }

    boolean shouldStop(Map<String, Double> metrics) {
        if (metric == null || metric.isBlank()) {
            return false;
        }
        Double v = metrics.get(metric);
        if (v == null) {
            throw new UserError("training.early_stopping: no validation metric '" + metric + "'; this run has "
                    + metrics.keySet());
        }
        if (Double.isNaN(best) || (lowerIsBetter(metric) ? v < best : v > best)) {
            best = v;
            stale = 0;
            return false;
        }
        stale++;
        return stale >= Math.max(1, patience);
    }
}
