package org.polyhead.run;

import java.util.Map;
import org.polyhead.UserError;
import org.polyhead.mlflow.ModelArtifacts;

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

    boolean shouldStop(Map<String, Double> metrics) {
        if (metric == null || metric.isBlank()) {
            return false;
        }
        Double v = metrics.get(metric);
        if (v == null) {
            throw new UserError("training.early_stopping: no validation metric '" + metric + "'; this run has "
                    + metrics.keySet());
        }
        boolean lower = ModelArtifacts.lowerIsBetter(metric);
        if (Double.isNaN(best) || (lower ? v < best : v > best)) {
            best = v;
            stale = 0;
            return false;
        }
        stale++;
        return stale >= Math.max(1, patience);
    }
}
