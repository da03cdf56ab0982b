package org.polyhead.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.polyhead.model.GroupModel;
import org.polyhead.track.Metrics;
import org.polyhead.train.OptimConfig;

/**
 * Logs each step's training metrics, and fails the trial at the first NaN or infinite loss (naming the loss, the step
 * and where the loop was). Steps a resumed run already holds are not logged again.
 */
final class StepLogging implements TrainingListener {
    private final BiFunction<TrainingState, Map<String, Double>, Map<String, Double>> metrics;
    private final Function<TrainingState, String> where;
    private final Set<Long> loggedSteps;

    private StepLogging(BiFunction<TrainingState, Map<String, Double>, Map<String, Double>> metrics,
                        Function<TrainingState, String> where, Set<Long> loggedSteps) {
        this.metrics = metrics;
        this.where = where;
        this.loggedSteps = loggedSteps;
    }

    /** Every loss as {@code train_<loss>} ({@code loss.party} → {@code train_loss_party}), and the step's rate. */
    static StepLogging perLoss(OptimConfig optim, Set<Long> loggedSteps) {
        return new StepLogging((state, losses) -> {
            Map<String, Double> train = new LinkedHashMap<>();
            losses.forEach((k, v) -> train.put(Metrics.train(k), v));
            train.put(Metrics.LEARNING_RATE, optim.rateAt((int) state.step() - 1));
            return train;
        }, state -> "epoch " + state.epoch(), loggedSteps);
    }

    /** A stage of staged training: its loss as {@code train_loss} (one curve over all stages) and per level. */
    static StepLogging stage(int stage, String level) {
        return new StepLogging((state, losses) -> Map.of(Metrics.TRAIN_LOSS, losses.get(GroupModel.LOSS),
                Metrics.trainLoss(level), losses.get(GroupModel.LOSS)), state -> "stage " + stage, Set.of());
    }

    @Override
    public void onStep(TrainingState state, Map<String, Double> losses) {
        String bad = nonFinite(losses);
        if (bad != null) {
            state.fail(String.format("%s is %s at step %d (%s)", bad, losses.get(bad), state.step(),
                    where.apply(state)));
        } else if (!loggedSteps.contains(state.step())) {
            state.run().logMetrics(metrics.apply(state, losses), state.step());
        }
    }

    private static String nonFinite(Map<String, Double> losses) {
        return losses.entrySet().stream().filter(e -> !Double.isFinite(e.getValue())).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }
}
