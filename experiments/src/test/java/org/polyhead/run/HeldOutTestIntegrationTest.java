package org.polyhead.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.report.RunGroups;
import org.polyhead.report.TrackedRuns;
import org.polyhead.spec.SpecLoader;
import org.polyhead.sweep.SweepRunner;
import org.polyhead.sweep.TestSweeps;
import org.polyhead.track.MlflowServerExtension;

/**
 * Label paths with a held-out test part, against a real MLflow server: a flat design logs per-level and path metrics on
 * test with its best epoch, the baselines log per-level test accuracy, and a staged trial is evaluated on the test part
 * only after its last stage (every row its stages trained on or fed is a training row of the split).
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class HeldOutTestIntegrationTest {
    private static final String SPEC = """
            name: held-out-it
            data: {name: wordnet-hierarchy, max_records: 160, validation: 0.2, test: 0.2, max_length: 16}
            encoder: {layers: 1, hidden: 16, heads: 2, intermediate: 32, dropout: 0.1}
            model: {pooling: mean, heads: flat}
            loss: {weights: [0.2, 0.3, 0.5]}
            training: {epochs: 2, batch_size: 16, lr: 0.003, seed: 2, early_stopping: val_loss_level2, patience: 3}
            baselines: [majority, tfidf-lr]
            sweep:
              grid:
                model.heads: [flat, staged]
            """;

    @Test
    void everyDesignLogsTestMetricsAndStagedTrainsOnTrainingRowsOnly(@TempDir Path tmp) throws IOException {
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("spec.yaml"), SPEC), List.of());
        SweepRunner.Outcome outcome = TestSweeps.sweep(spec, tmp);
        List<TrackedRuns.RunRow> children = TrackedRuns.children(new MlflowClient(MlflowServerExtension.url()),
                "held-out-it", outcome.parentRunId());
        assertEquals(4, children.size(), "two trials and two baselines");
        try (var left = Files.list(Files.createDirectories(tmp.resolve("checkpoints")))) {
            assertEquals(List.of(), left.filter(p -> p.toString().endsWith(".zip")).toList(),
                    "a finished trial's resume checkpoint is deleted (training.checkpoint is off)");
        }
        for (TrackedRuns.RunRow r : children) {
            assertEquals("FINISHED", r.status(), r.name() + ": " + r.tags().get("polyhead.failure"));
            if (RunGroups.isBaseline(r)) {
                assertTrue(r.metrics().containsKey("test_acc_level2"), r.metrics().keySet().toString());
            } else {
                String design = r.params().get("model.heads");
                for (String m : List.of("test_acc_level0", "test_acc_level2", "test_path_acc", "test_consistency",
                        "best_epoch")) {
                    assertTrue(r.metrics().containsKey(m), design + " logs " + m + ": " + r.metrics().keySet());
                }
                assertEquals(testRows(tmp), Files.readAllLines(tmp.resolve(r.runId()).resolve("test_predictions.jsonl"))
                        .size(), design + ": one prediction per test example");
                if (design.equals("staged")) {
                    assertEquals(2.0, r.metrics().get("best_epoch"), "staged evaluates its final stage models");
                    assertOnlyTrainingRows(tmp.resolve(r.runId()).resolve("stages.csv"), tmp);
                }
            }
        }
    }

    private static long testRows(Path tmp) throws IOException {
        try (var files = Files.list(tmp)) {
            Path split = files.filter(p -> p.getFileName().toString().startsWith("split-")).findFirst().orElseThrow();
            return Files.readAllLines(split.resolve("split.csv")).stream().filter(l -> l.endsWith(",test")).count();
        }
    }

    private static void assertOnlyTrainingRows(Path ledger, Path tmp) throws IOException {
        Set<Integer> train = new HashSet<>();
        Set<Integer> test = new HashSet<>();
        Path split;
        try (var files = Files.list(tmp)) {
            split = files.filter(p -> p.getFileName().toString().startsWith("split-")).findFirst().orElseThrow();
        }
        for (String l : Files.readAllLines(split.resolve("split.csv"))) {
            String[] f = l.split(",");
            (l.endsWith(",train") ? train : l.endsWith(",test") ? test : new HashSet<Integer>())
                    .add(f[0].equals("line") ? -1 : Integer.parseInt(f[0]));
        }
        assertFalse(test.isEmpty());
        List<String> rows = Files.readAllLines(ledger);
        for (String l : rows.subList(1, rows.size())) {
            int line = Integer.parseInt(l.split(",")[4]);
            assertTrue(train.contains(line) && !test.contains(line), "staged used line " + line + ": " + l);
        }
    }
}
