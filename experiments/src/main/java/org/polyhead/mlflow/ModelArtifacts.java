package org.polyhead.mlflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.polyhead.UserError;
import org.polyhead.track.Metrics;
import org.polyhead.track.TrackedRun;

/**
 * The trained model as a run's {@code model/} artifact folder (weights, {@code model.json} with provenance, the spec,
 * the taxonomy for label paths: everything {@code SavedModel} wrote), and the choice of the trial whose model a sweep
 * keeps under {@code tracking.log_model: best}.
 */
public final class ModelArtifacts {
    public static final String DIR = "model";

    private ModelArtifacts() {}

    /** Logs every file of the saved model folder under the run's {@code model/}. */
    public static void log(TrackedRun run, Path modelDir) {
        try (Stream<Path> files = Files.list(modelDir)) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> run.logArtifact(f, DIR));
        } catch (IOException e) {
            throw new UserError("cannot read the saved model " + modelDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The metric trials are compared by: the early-stopping metric when the spec names one, else the first
     * validation accuracy (by name) the trials report.
     */
    public static Optional<String> rankingMetric(String earlyStopping, List<Map<String, Double>> metrics) {
        if (earlyStopping != null && !earlyStopping.isBlank()) {
            return Optional.of(earlyStopping);
        }
        return metrics.stream().flatMap(m -> m.keySet().stream()).filter(Metrics::isAccuracy).sorted()
                .findFirst();
    }

    /** The index of the best of {@code metrics} by {@code metric}; empty when none has it. */
    public static Optional<Integer> best(String metric, List<Map<String, Double>> metrics) {
        Comparator<Integer> byValue = Comparator.comparingDouble(i -> metrics.get(i).get(metric));
        return Stream.iterate(0, i -> i + 1).limit(metrics.size())
                .filter(i -> metrics.get(i).get(metric) != null && Double.isFinite(metrics.get(i).get(metric)))
                .max(Metrics.lowerIsBetter(metric) ? byValue.reversed() : byValue);
    }
}
