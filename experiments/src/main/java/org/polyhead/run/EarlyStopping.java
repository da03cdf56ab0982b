package org.polyhead.run;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.polyhead.DidYouMean;
import org.polyhead.UserError;
import org.polyhead.track.Metrics;
import org.polyhead.track.Tags;

/**
 * Stops training when a named validation metric has not improved for {@code patience} epochs. Loss-like metrics
 * ({@code *loss*}, {@code *mae*}, {@code *rmse*}) improve downwards, all others upwards. No metric: never stops.
 * A resumed trial replays the epochs its checkpoint holds first.
 */
final class EarlyStopping implements TrainingListener {
    private final String metric;
    private final int patience;
    private double best = Double.NaN;
    private int stale;

    EarlyStopping(String metric, int patience) {
        this.metric = metric;
        this.patience = patience;
    }

    /**
     * Refuses, before the run exists, a metric the run would never log ({@code logged}: what its task kind validates),
     * naming the key, the value, the metrics it could be and the nearest of them.
     */
    static void check(String metric, Set<String> logged) {
        if (metric == null || metric.isBlank() || logged.contains(metric)) {
            return;
        }
        throw new UserError("training.early_stopping: no validation metric '" + metric + "' in this run; it logs "
                + String.join(", ", new TreeSet<>(logged)) + DidYouMean.hint(metric, logged));
    }

    @Override
    public void onTrainingBegin(TrainingState state) {
        state.table().rows().forEach(this::shouldStop);
    }

    @Override
    public void onEpoch(TrainingState state, Map<String, Double> metrics) {
        if (shouldStop(metrics)) {
            state.run().setTag(Tags.EARLY_STOPPED, "epoch " + state.epoch());
            state.stop();
        }
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
        if (Metrics.improves(metric, v, best)) {
            best = v;
            stale = 0;
            return false;
        }
        stale++;
        return stale >= Math.max(1, patience);
    }
}
