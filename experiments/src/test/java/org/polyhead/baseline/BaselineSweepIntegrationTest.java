package org.polyhead.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.report.ExperimentReport;
import org.polyhead.report.MlflowPredictions;
import org.polyhead.report.TrackedRuns;
import org.polyhead.spec.SpecLoader;
import org.polyhead.sweep.SweepRunner;
import org.polyhead.sweep.TestSweeps;
import org.polyhead.track.MlflowServerExtension;

/**
 * A sweep of two seeds with a test part and two baselines against a real MLflow server: the baselines run once (one
 * data configuration) as children of the parent, tagged, with the trials' metric names on validation and test; every
 * trial logs {@code test_*} metrics and {@code best_epoch}; the per-example test predictions cover exactly the test
 * records of the split assignment, and those are disjoint from the train and validation records; the report reads
 * those predictions back from the server for its paired tests.
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class BaselineSweepIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC = """
            name: baseline-sweep-it
            data: {name: wordnet-pos, max_records: 240, validation: 0.25, test: 0.25, max_length: 24, split_seed: 4}
            encoder: {layers: 1, hidden: 16, heads: 2, intermediate: 32, dropout: 0.1}
            model: {pooling: mean, heads: separate}
            groups: [{name: pos}]
            training: {epochs: 2, batch_size: 16, lr: 0.003, early_stopping: val_acc_pos, patience: 5}
            baselines: [majority, tfidf-lr]
            sweep:
              grid:
                training.seed: [1, 2]
            """;

    @Test
    void baselinesRunOnceBesideTrialsWithTestMetricsOnADisjointTestPart(@TempDir Path tmp) throws IOException {
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("spec.yaml"), SPEC), List.of());
        SweepRunner.Outcome outcome = TestSweeps.sweep(spec, tmp);
        MlflowClient client = new MlflowClient(MlflowServerExtension.url());
        List<TrackedRuns.RunRow> children = TrackedRuns.children(client, "baseline-sweep-it", outcome.parentRunId());
        Map<String, TrackedRuns.RunRow> baselines = new HashMap<>();
        List<TrackedRuns.RunRow> trials = new java.util.ArrayList<>();
        for (TrackedRuns.RunRow r : children) {
            assertEquals("FINISHED", r.status(), r.name() + ": " + r.tags().get("polyhead.failure"));
            if (r.tags().containsKey(BaselineRunner.BASELINE_TAG)) {
                assertEquals(BaselineRunner.ROLE, r.tags().get("polyhead.sweep"));
                baselines.put(r.tags().get(BaselineRunner.BASELINE_TAG), r);
            } else {
                trials.add(r);
            }
        }
        assertEquals(Set.of("majority", "tfidf-lr"), baselines.keySet(), "each baseline once for one data config");
        assertEquals(2, trials.size());
        for (TrackedRuns.RunRow b : baselines.values()) {
            for (String m : List.of("val_acc_pos", "val_f1_pos", "test_acc_pos", "test_f1_pos")) {
                assertTrue(b.metrics().containsKey(m), b.name() + " logs " + m + ": " + b.metrics().keySet());
            }
        }
        assertTrue(baselines.get("tfidf-lr").metrics().get("test_acc_pos")
                > baselines.get("majority").metrics().get("test_acc_pos") + 0.1, baselines.toString());

        List<Path> splits;
        try (var files = Files.list(tmp)) {
            splits = files.filter(p -> p.getFileName().toString().startsWith("split-")).toList();
        }
        assertEquals(1, splits.size(), "data prepared once: " + splits);
        Map<String, Set<Integer>> parts = splitAssignment(splits.get(0).resolve("split.csv"));
        Set<Integer> test = parts.get("test");
        assertEquals(60, test.size(), "a quarter of 240 records");
        for (String other : List.of("train", "validation")) {
            Set<Integer> both = new TreeSet<>(parts.get(other));
            both.retainAll(test);
            assertTrue(both.isEmpty(), "test records also in " + other + ": " + both);
        }
        for (TrackedRuns.RunRow t : trials) {
            for (String m : List.of("val_acc_pos", "test_acc_pos", "test_f1_pos", "test_loss_pos", "best_epoch")) {
                assertTrue(t.metrics().containsKey(m), t.name() + " logs " + m + ": " + t.metrics().keySet());
            }
            double best = t.metrics().get("best_epoch");
            assertTrue(best == 1 || best == 2, "best_epoch " + best);
            Set<Integer> predicted = new TreeSet<>();
            for (String line : artifact(client, t.runId(), "test_predictions.jsonl").split("\n")) {
                JsonNode row = JSON.readTree(line);
                predicted.add(row.get("line").asInt());
                assertTrue(row.path("pos").has("true") && row.path("pos").has("predicted"), line);
            }
            assertEquals(test, predicted, "one prediction per test record");
        }

        Path md = ExperimentReport.write(tmp.resolve("report"), children,
                new ExperimentReport.Context("baseline-sweep-it", "x", List.of()),
                new MlflowPredictions(MlflowServerExtension.url()));
        String report = Files.readString(md);
        assertTrue(report.contains("## Held-out test"), report);
        assertTrue(report.contains("| baseline `tfidf-lr` | 1 |"), report);
        assertTrue(report.contains("95% paired bootstrap over 60 test examples"), report);
    }

    private static Map<String, Set<Integer>> splitAssignment(Path csv) throws IOException {
        Map<String, Set<Integer>> parts = new HashMap<>();
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            String[] f = line.split(",");
            parts.computeIfAbsent(f[f.length - 1], k -> new TreeSet<>()).add(Integer.parseInt(f[0]));
        }
        return parts;
    }

    private static String artifact(MlflowClient client, String runId, String path) {
        String url = MlflowServerExtension.url() + "/api/2.0/mlflow-artifacts/artifacts/"
                + client.getRun(runId).getInfo().getExperimentId() + "/" + runId + "/artifacts/" + path;
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
