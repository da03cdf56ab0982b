package org.polyhead.run;

import java.util.Map;
import org.polyhead.eval.MetricsTable;
import org.polyhead.eval.Predictions;
import org.polyhead.track.TrackedRun;
import org.polyhead.train.Trainer;

/**
 * What the training loop and its listeners share: the trainer and run, the epoch and step reached, the per-epoch
 * validation table, the last epoch's metrics and validation predictions, and whether a listener stopped the loop or
 * failed the trial.
 */
final class TrainingState {
    private final Trainer trainer;
    private final TrackedRun run;
    private MetricsTable table = new MetricsTable();
    private Map<String, Double> last = Map.of();
    private Predictions predictions;
    private int firstEpoch = 1;
    private int epoch;
    private long step;
    private boolean stopped;
    private String failure;

    TrainingState(Trainer trainer, TrackedRun run) {
        this.trainer = trainer;
        this.run = run;
    }

    /** A state whose steps continue a count (e.g. over the stages of staged training). */
    TrainingState(Trainer trainer, TrackedRun run, long step) {
        this(trainer, run);
        this.step = step;
    }

    Trainer trainer() {
        return trainer;
    }

    TrackedRun run() {
        return run;
    }

    MetricsTable table() {
        return table;
    }

    Map<String, Double> last() {
        return last;
    }

    /**
     * The validation predictions of the last epoch this state ran, made with the weights the trainer holds when the
     * loop ends; null when it ran none (a resumed trial whose checkpoint held its last epoch).
     */
    Predictions predictions() {
        return predictions;
    }

    int firstEpoch() {
        return firstEpoch;
    }

    int epoch() {
        return epoch;
    }

    long step() {
        return step;
    }

    String failure() {
        return failure;
    }

    boolean stopped() {
        return stopped || failure != null;
    }

    /** Continues from a checkpoint: its table, the step it reached, and the epoch after its last. */
    void resume(MetricsTable saved, long savedStep, int savedEpoch) {
        table = saved;
        step = savedStep;
        firstEpoch = savedEpoch + 1;
    }

    void startEpoch(int e) {
        epoch = e;
    }

    void stepped() {
        step++;
    }

    void validated(Map<String, Double> metrics, Predictions predictions) {
        last = metrics;
        this.predictions = predictions;
    }

    /** Ends the loop after this epoch; the trial finishes. */
    void stop() {
        stopped = true;
    }

    /** Ends the loop now; the trial fails with the reason. */
    void fail(String reason) {
        failure = reason;
    }
}
