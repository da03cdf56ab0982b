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
 * epoch, step and the metrics table so far, logging into the run the epochs it lacks.
 */
final class Resume implements TrainingListener {
    private final Path checkpoint;
    private final boolean resumed;
    private final Set<Long> loggedEpochs;

    /** @param resumed whether the run is reopened (a fresh run starts from scratch even if a checkpoint exists) */
    Resume(Path checkpoint, boolean resumed, Set<Long> loggedEpochs) {
        this.checkpoint = checkpoint;
        this.resumed = resumed;
        this.loggedEpochs = loggedEpochs;
    }

    @Override
    public void onTrainingBegin(TrainingState state) {
        if (!resumed || !Files.exists(checkpoint)) {
            return;
        }
        Checkpoint saved = Checkpoint.restore(checkpoint, state.trainer());
        for (Map<String, Double> row : saved.rows()) {
            long epoch = row.get(Metrics.EPOCH).longValue();
            if (!loggedEpochs.contains(epoch)) {
                Map<String, Double> m = new LinkedHashMap<>(row);
                m.remove(Metrics.STEP);
                state.run().logMetrics(m, epoch);
            }
        }
        state.resume(new MetricsTable(saved.rows()), saved.step(), saved.epoch());
        state.run().setTag(Tags.RESUMED_FROM_EPOCH, Integer.toString(saved.epoch()));
    }
}
