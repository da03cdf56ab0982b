package org.polyhead.run;

import java.util.Map;

/**
 * Logs each epoch's validation metrics into the run at the global step, so validation and training curves overlay in
 * MLflow's charts; the metric {@code epoch} names the epoch ({@link Resume} finds logged epochs by its step).
 */
final class ValidationLogging implements TrainingListener {

    @Override
    public void onEpoch(TrainingState state, Map<String, Double> metrics) {
        state.run().logMetrics(metrics, state.step());
    }
}
