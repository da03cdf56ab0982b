package org.polyhead.run;

import java.nio.file.Path;
import java.util.Map;
import org.polyhead.train.Checkpoint;

/**
 * Saves parameters, Adam state, epoch, step and the metrics table after every epoch, one file per trial, so that
 * {@link Resume} can continue it. Placed before {@link ValidationLogging}: a run never holds an epoch its checkpoint
 * lacks.
 */
final class Checkpointing implements TrainingListener {
    private final Path file;

    Checkpointing(Path file) {
        this.file = file;
    }

    @Override
    public void onEpoch(TrainingState state, Map<String, Double> metrics) {
        new Checkpoint(state.epoch(), (int) state.step(), state.table().rows()).save(file, state.trainer());
    }
}
