package org.polyhead.run;

import java.util.Map;

/** Logs each epoch's validation metrics into the run, at the epoch. */
final class ValidationLogging implements TrainingListener {

    @Override
    public void onEpoch(TrainingState state, Map<String, Double> metrics) {
        state.run().logMetrics(metrics, state.epoch());
    }
}
