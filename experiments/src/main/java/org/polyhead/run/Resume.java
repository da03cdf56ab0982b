package org.polyhead.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.polyhead.eval.MetricsTable;
import org.polyhead.track.Metrics;
import org.polyhead.track.Tags;
import org.polyhead.train.Checkpoint;

/**
 * Continues a trial from its last checkpoint, if it has one and the run is a resumed one: parameters, Adam state,
 * epoch, step and the metrics table so far, logging into the run the epochs it lacks. Epoch rows are logged at their
 * global step (as {@link ValidationLogging} does), so an epoch the run holds is known by the step of its
 * {@code epoch} metric.
 */
final class Resume implements TrainingListener {
    private final Path checkpoint;
    private final boolean resumed;
    private final Set<Long> loggedEpochSteps;

    /**
     * @param resumed          whether the run is reopened (a fresh run starts from scratch even if a checkpoint exists)
     * @param loggedEpochSteps the steps at which the run holds an {@code epoch} metric
     */
    Resume(Path checkpoint, boolean resumed, Set<Long> loggedEpochSteps) {
        this.checkpoint = checkpoint;
        this.resumed = resumed;
        this.loggedEpochSteps = loggedEpochSteps;
    }

    @Override
    public void onTrainingBegin(TrainingState state) {
        if (!resumed || !Files.exists(checkpoint)) {
            return;
        }
        Checkpoint saved = Checkpoint.restore(checkpoint, state.trainer());
        for (Map<String, Double> row : saved.rows()) {
            long at = row.get(Metrics.STEP).longValue();
            if (!loggedEpochSteps.contains(at)) {
                Map<String, Double> m = new LinkedHashMap<>(row);
                m.remove(Metrics.STEP);
                state.run().logMetrics(m, at);
            }
        }
        state.resume(new MetricsTable(saved.rows()), saved.step(), saved.epoch());
        state.run().setTag(Tags.RESUMED_FROM_EPOCH, Integer.toString(saved.epoch()));
    }
}
