package org.polyhead.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.polyhead.UserError;
import org.polyhead.model.GroupModel;
import org.polyhead.task.Evaluated;
import org.polyhead.task.PreparedData;
import org.polyhead.track.Metrics;
import org.polyhead.track.TrackedRun;
import org.polyhead.train.Trainer;

/**
 * Evaluates the held-out test part ({@code data.test}) once, after training, with the weights of the best validation
 * epoch ({@link BestEpoch}): the same metrics as validation under {@code test_} names ({@code test_acc_<group>},
 * {@code test_f1_<group>}, ...), {@code best_epoch}, and the per-example predictions ({@link TestPredictions}). The
 * metrics are logged at the global step of the epoch whose weights were evaluated, beside that epoch's validation
 * metrics (which are logged at the step too). A spec without a test part logs nothing. A trial reads the test part
 * here only, once, after its last epoch, in one pass that gives both the metrics and the predictions file.
 */
final class TestEvaluation {
    /** Metric: the epoch whose weights were evaluated on the test part. */
    static final String BEST_EPOCH = "best_epoch";
    /** Tag set when the best epoch's weights were gone (restored from before a resume): the last epoch's were used. */
    static final String WEIGHTS_TAG = "polyhead.test_weights";

    private TestEvaluation() {}

    /** Validation metric names turned into test names: {@code val_acc_party} → {@code test_acc_party}. */
    public static Map<String, Double> asTest(Map<String, Double> validation) {
        Map<String, Double> out = new LinkedHashMap<>();
        validation.forEach((k, v) -> out.put(Metrics.test(k), v));
        return out;
    }

    static void run(PreparedData data, Trainer trainer, GroupModel model, BestEpoch best, int lastEpoch,
                    long lastStep, TrackedRun run, double[] weights, int bs, Path dir) {
        if (data.test() == null) {
            return;
        }
        int epoch = lastEpoch;
        long step = lastStep;
        if (best.kept()) {
            best.restore(trainer.parameters());
            epoch = best.epoch();
            step = best.step();
        } else {
            run.setTag(WEIGHTS_TAG, "epoch " + lastEpoch + " (the best, epoch " + best.epoch()
                    + ", was trained before a resume and its weights are not kept)");
        }
        Evaluated evaluated = data.kind().evaluate(trainer, model, data.test(), weights, bs);  // for both
        Map<String, Double> test = asTest(evaluated.metrics());
        test.put(BEST_EPOCH, (double) epoch);
        run.logMetrics(test, step);
        try {
            Files.createDirectories(dir);
            run.logArtifact(TestPredictions.write(dir.resolve(TestPredictions.FILE), model.groups(),
                    evaluated.predictions(), data.test().targets(),
                    data.records() == null ? null : data.records().test()), "");
        } catch (IOException e) {
            throw new UserError("cannot write " + TestPredictions.FILE + " under " + dir + ": " + e.getMessage(), e);
        }
    }
}
