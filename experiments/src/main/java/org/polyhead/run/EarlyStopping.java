package org.polyhead.run;

import java.util.Map;
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
