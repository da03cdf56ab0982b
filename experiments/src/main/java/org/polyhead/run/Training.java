package org.polyhead.run;

import org.polyhead.model.ModelSpec;
import org.polyhead.spec.SpecLoader;
import org.polyhead.task.PreparedData;
import org.polyhead.track.TrackedRun;

/** How a trial trains and records itself: one model ({@link TrialRunner}) or a design's own way ({@link Trainings}). */
@FunctionalInterface
interface Training {

    /** Trains, or with {@code resumed} (what the run already holds) continues, and ends the run. */
    TrialRunner.Result run(SpecLoader.Resolved trial, PreparedData data, TrackedRun run, TrialRunner.Logged resumed);

    /**
     * Throws the {@code UserError} the trial would fail with once its run exists; by default, builds the one model's
     * spec (pooling, head and weighting designs, encoder shape or pretrained checkpoint) and checks that
     * {@code training.early_stopping} names a metric the task kind logs for that model.
     */
    default void check(SpecLoader.Resolved trial, PreparedData data) {
        ModelSpec model = TrialRunner.modelSpec(trial.spec(), data);
        String metric = trial.spec().training().earlyStopping();
        if (metric != null && !metric.isBlank()) {
            EarlyStopping.check(metric, data.kind().metricNames(model));
        }
    }
}
