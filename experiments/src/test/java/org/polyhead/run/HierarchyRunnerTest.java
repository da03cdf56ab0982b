package org.polyhead.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.report.TrackedRuns;
import org.polyhead.spec.SpecLoader;
import org.polyhead.sweep.SweepRunner;
import org.polyhead.sweep.TestSweeps;
import org.polyhead.track.MlflowServerExtension;

/**
 * Every hierarchical design trains a few steps on a tiny slice of the real wordnet-hierarchy data in a real MLflow
 * server, logs the per-level and path metrics and saves a model that predicts again; the staged run's ledger proves that no row a parent model trained on
 * fed that model's predictions into a later stage's training.
 */
@ExtendWith(MlflowServerExtension.class)
@Tag("integration")
class HierarchyRunnerTest {
    private static final String SPEC = """
            name: hierarchy-it
            data: {name: wordnet-hierarchy, max_records: 120, validation: 0.25, max_length: 16}
            encoder: {layers: 1, hidden: 16, heads: 2, intermediate: 32, dropout: 0.1}
            model: {pooling: mean, heads: flat}
            loss: {weights: [0.2, 0.3, 0.5]}
            training: {epochs: 1, batch_size: 16, lr: 0.003, seed: 2}
            sweep:
              grid:
                model.heads: [flat, conditioned-soft, conditioned-teacher, masked, staged]
            """;

    @Test
    void everyDesignLogsLevelAndPathMetricsAndStagedKeepsItsSplitsApart(@TempDir Path tmp) throws IOException {
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("spec.yaml"), SPEC), List.of());
        SweepRunner.Outcome outcome = TestSweeps.sweep(spec, tmp);
        List<TrackedRuns.RunRow> children = TrackedRuns.children(new MlflowClient(MlflowServerExtension.url()),
                "hierarchy-it", outcome.parentRunId());
        assertEquals(5, children.size());
        for (TrackedRuns.RunRow child : children) {
            String design = child.params().get("model.heads");
            assertEquals("FINISHED", child.status(), design + ": " + child.tags().get("polyhead.failure"));
            for (String m : List.of("val_acc_level0", "val_acc_level1", "val_acc_level2", "val_f1_level2",
                    "val_path_acc", "val_consistency", "val_hf1", "val_path_acc_constrained")) {
                assertTrue(child.metrics().containsKey(m), design + " logs " + m + ": " + child.metrics().keySet());
            }
            assertTrue(child.metrics().containsKey("train_loss"), design);
            if (design.equals("masked")) {
                assertEquals(1.0, child.metrics().get("val_consistency"), "masked decoding stays in the taxonomy");
            }
            if (design.equals("conditioned-teacher")) {
                assertTrue(child.metrics().containsKey("val_teacher_gap_level1"), child.metrics().keySet().toString());
            }
            if (design.equals("staged")) {
                assertStagedDiscipline(tmp.resolve(child.runId()).resolve("stages.csv"));
            } else {
                var predicted = SavedModel.load(tmp.resolve(child.runId()).resolve("model"))
                        .predict(List.of("a small bird that sings", "a tall tree"));
                double sum = predicted.get(1).get("level2").values().stream().mapToDouble(Double::doubleValue).sum();
                assertEquals(1.0, sum, 1e-4, design + ": a saved model predicts the leaf distribution");
            }
        }
    }

    /** No row that a model trained on is one for which that model predicted parent inputs of a later stage. */
    static void assertStagedDiscipline(Path ledger) throws IOException {
        Map<Integer, Integer> trainedBy = new HashMap<>();
        List<String[]> parentInputs = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(ledger).subList(1, Files.readAllLines(ledger).size())) {
            String[] f = line.split(",");
            if (f[0].equals(StageLedger.TRAIN)) {
                Integer before = trainedBy.put(Integer.parseInt(f[3]), Integer.parseInt(f[1]));
                assertEquals(null, before, "row " + f[3] + " trains one stage only");
            } else {
                parentInputs.add(f);
            }
        }
        Set<Integer> fedStages = new HashSet<>();
        for (String[] f : parentInputs) {
            int model = Integer.parseInt(f[1]);
            int stage = Integer.parseInt(f[2]);
            int row = Integer.parseInt(f[3]);
            assertTrue(model < stage);
            Integer trainer = trainedBy.get(row);
            assertFalse(trainer != null && trainer <= model,
                    "row " + row + " trained model " + trainer + " and got parent predictions from model " + model);
            assertEquals(stage, trainer, "the row's parent predictions feed the stage that trains on it");
            fedStages.add(stage);
        }
        assertEquals(Set.of(1, 2), fedStages);
        assertEquals(Set.of(0, 1, 2), new HashSet<>(trainedBy.values()));
    }
}
