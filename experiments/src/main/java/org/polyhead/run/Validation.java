package org.polyhead.run;

import java.util.Map;
import org.polyhead.model.GroupModel;
import org.polyhead.task.Evaluated;
import org.polyhead.task.TaskKind;
import org.polyhead.task.TextBatches;
import org.polyhead.track.Metrics;

/**
 * Validates the model after each epoch as its task kind does, adds the metrics with the epoch number to the state's
 * table, and keeps them as the state's last metrics, with the predictions they came from (the trial's validation
 * artifacts are written from those of the last epoch, not from a second pass).
 */
final class Validation implements TrainingListener {
    private final TaskKind kind;
    private final GroupModel model;
    private final TextBatches validation;
    private final double[] weights;
    private final int batchSize;

    Validation(TaskKind kind, GroupModel model, TextBatches validation, double[] weights, int batchSize) {
        this.kind = kind;
        this.model = model;
        this.validation = validation;
        this.weights = weights;
        this.batchSize = batchSize;
    }

    @Override
    public void onEpoch(TrainingState state, Map<String, Double> metrics) {
        Evaluated validated = kind.evaluate(state.trainer(), model, validation, weights, batchSize);
        metrics.putAll(validated.metrics());
        metrics.put(Metrics.EPOCH, (double) state.epoch());
        state.table().add(state.epoch(), (int) state.step(), metrics);
        state.validated(metrics, validated.predictions());
    }
}
