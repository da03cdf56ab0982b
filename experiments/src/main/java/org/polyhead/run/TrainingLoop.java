package org.polyhead.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.polyhead.model.Batch;

/**
 * The training loop itself: epochs of steps, each piece around it a named {@link TrainingListener}. Shared by
 * {@link TrialRunner} (one model) and {@link StagedRunner} (one loop per stage).
 */
final class TrainingLoop {
    private final List<TrainingListener> listeners;

    TrainingLoop(List<TrainingListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Runs epochs from the state's first up to {@code epochs}, each over {@code batches.apply(epoch)}, until a
     * listener stops or fails it.
     */
    void run(TrainingState state, int epochs, IntFunction<List<Batch>> batches, double[] weights) {
        listeners.forEach(l -> l.onTrainingBegin(state));
        for (int epoch = state.firstEpoch(); epoch <= epochs && !state.stopped(); epoch++) {
            state.startEpoch(epoch);
            for (Batch batch : batches.apply(epoch)) {
                Map<String, Double> losses = state.trainer().step(batch, weights);
                state.stepped();
                for (TrainingListener l : listeners) {
                    l.onStep(state, losses);
                    if (state.failure() != null) {
                        return;
                    }
                }
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            listeners.forEach(l -> l.onEpoch(state, metrics));
        }
        listeners.forEach(l -> l.onTrainingEnd(state));
    }
}
