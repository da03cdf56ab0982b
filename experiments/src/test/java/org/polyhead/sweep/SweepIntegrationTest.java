package org.polyhead.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.report.TrackedRuns;
import org.polyhead.run.TrialRunner;
import org.polyhead.spec.SpecLoader;
import org.polyhead.track.MlflowServerExtension;
import org.polyhead.track.RunStatus;

/**
 * A 2×2 sweep (π × head design) on real State of the Union passages with a tiny encoder, tracked in a real MLflow
 * server: one parent, four children with params, per-epoch metric history, provenance tags and artifacts; and a
 * rerun with the same seed reproduces the metrics exactly.
 */
@ExtendWith(MlflowServerExtension.class)
@Tag("integration")
class SweepIntegrationTest {
    private static final String SPEC = """
            name: sweep-it
            data: {name: sotu, max_records: 160, validation: 0.25, max_length: 24}
            encoder: {layers: 1, hidden: 16, heads: 2, intermediate: 32, dropout: 0.1}
            model: {pooling: mean, heads: separate}
            groups: [{name: party}, {name: era}]
            loss: {pi: 0.5}
            training: {epochs: 2, batch_size: 16, lr: 0.003, seed: 3, checkpoint: true}
            sweep:
              grid:
                loss.pi: [0.25, 0.75]
                model.heads: [split, separate]
            """;

    @Test
    void gridSweepLogsParentChildrenMetricsAndArtifacts(@TempDir Path tmp) throws IOException {
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("spec.yaml"), SPEC), List.of());
        SweepRunner.Outcome outcome = sweep(spec, tmp);
        MlflowClient client = new MlflowClient(MlflowServerExtension.url());
        List<TrackedRuns.RunRow> children = TrackedRuns.children(client, "sweep-it", outcome.parentRunId());
        assertEquals(4, children.size());
        Set<String> combos = children.stream().map(r -> r.params().get("loss.pi") + "/" + r.params().get("model.heads"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("0.25/split", "0.25/separate", "0.75/split", "0.75/separate"), combos);
        Service.Run parent = client.getRun(outcome.parentRunId());
        assertTrue(parent.getData().getTagsList().stream()
                .anyMatch(t -> t.getKey().equals("polyhead.sweep") && t.getValue().equals("parent")));
        for (TrackedRuns.RunRow child : children) {
            assertEquals("FINISHED", child.status());
            assertFalse(child.params().containsKey("pi"), "π is logged once, as loss.pi");
            assertEquals(2, client.getMetricHistory(child.runId(), "val_acc_party").size(), "one point per epoch");
            assertTrue(child.metrics().containsKey("val_f1_era"));
            assertTrue(client.getMetricHistory(child.runId(), "train_loss").size() >= 2);
            for (String tag : List.of("polyhead.git_commit", "polyhead.git_dirty", "polyhead.config_hash",
                    "polyhead.dataset_sha256", "polyhead.seed", "polyhead.version", "polyhead.backend",
                    "polyhead.device")) {
                assertTrue(child.tags().containsKey(tag), "tag " + tag);
            }
            assertTrue(child.tags().get("polyhead.dataset_sha256").matches("[0-9a-f]{64}"));
            assertEquals(spec.with(Map.of("loss.pi", Double.parseDouble(child.params().get("loss.pi")),
                    "model.heads", child.params().get("model.heads"))).hash(), child.tags().get("polyhead.config_hash"));
            assertWarmUpThenDecay(client.getMetricHistory(child.runId(), "lr"),
                    client.getMetricHistory(child.runId(), "train_loss").size());
            String list = get("/api/2.0/mlflow/artifacts/list?run_id=" + child.runId());
            for (String artifact : List.of("config.yaml", "metrics.csv", "confusion.json", "predictions.jsonl", "data",
                    "model")) {
                assertTrue(list.contains("\"" + artifact + "\""), artifact + " in " + list);
            }
            String root = "/api/2.0/mlflow-artifacts/artifacts/" + client.getRun(child.runId()).getInfo().getExperimentId()
                    + "/" + child.runId() + "/artifacts/";
            assertEquals(3, get(root + "metrics.csv").lines().count(), "a header and one row per epoch");
            assertEquals(child.params().get("model.heads"),
                    yaml(get(root + "config.yaml")).path("model").path("heads").asText(), "the resolved config");
            var confusion = yaml(get(root + "confusion.json"));
            int validation = (int) get(root + "predictions.jsonl").lines().count();
            for (String group : List.of("party", "era")) {
                var matrix = confusion.path(group).path("matrix");
                int classes = confusion.path(group).path("classes").size();
                assertEquals(classes, matrix.size(), group + ": one row per class");
                int total = 0;
                for (var row : matrix) {
                    assertEquals(classes, row.size());
                    for (var cell : row) {
                        total += cell.asInt();
                    }
                }
                assertEquals(validation, total, group + ": every validation passage counted once");
            }
            assertTrue(get("/api/2.0/mlflow/artifacts/list?run_id=" + child.runId() + "&path=model")
                    .contains("model/weights.zip"), "training.checkpoint: true uploads the model");
            assertTrue(child.name().matches("pi=0\\.\\d+ heads=\\w+|heads=\\w+ pi=0\\.\\d+"), child.name());
        }
    }

    @Test
    void aRerunWithTheSameSeedReproducesTheMetricsExactly(@TempDir Path tmp) throws IOException {
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("spec.yaml"), SPEC),
                List.of("sweep={}", "name=rerun-it"));
        Map<String, Double> first = sweep(spec, tmp).results().get(0).metrics();
        Map<String, Double> second = sweep(spec, tmp).results().get(0).metrics();
        assertTrue(first.containsKey("val_loss_party"));
        assertEquals(first, second);
    }

    @Test
    void aNonFiniteLossEndsTheTrialAsFailedAndTheSweepGoesOn(@TempDir Path tmp) throws IOException {
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("spec.yaml"), SPEC),
                List.of("name=nan-it", "sweep.grid={training.lr: [1.0e30, 0.003]}", "training.epochs=1"));
        SweepRunner.Outcome outcome = sweep(spec, tmp);
        List<TrialRunner.Result> results = outcome.results();
        assertEquals(RunStatus.FAILED, results.get(0).status());
        assertTrue(results.get(0).failure().contains("at step"), results.get(0).failure());
        assertEquals(RunStatus.FINISHED, results.get(1).status());
        Service.Run failed = new MlflowClient(MlflowServerExtension.url()).getRun(results.get(0).runId());
        assertEquals(Service.RunStatus.FAILED, failed.getInfo().getStatus());
        assertTrue(failed.getData().getTagsList().stream().anyMatch(t -> t.getKey().equals("polyhead.failure")));
    }

    @Test
    void aSavedModelPredictsWhatTheRunRecordedForItsValidationTexts(@TempDir Path tmp) throws IOException {
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("spec.yaml"), SPEC),
                List.of("sweep={}", "name=predict-it", "training.epochs=1"));
        Path home = MlflowServerExtension.projectHome();
        TrialRunner.Result result = TestSweeps.single(spec, tmp);
        Path dir = tmp.resolve(result.runId());
        Map<Integer, String> texts = new java.util.HashMap<>();
        org.polyhead.data.DatasetRegistry.grouped("sotu", home).records().forEach(r -> texts.put(r.line(), r.text()));
        List<String> validation = Files.readAllLines(tmp.resolve("split-" + spec.hash().substring(0, 12)).resolve("split.csv"))
                .stream().skip(1).filter(l -> l.endsWith(",validation"))
                .map(l -> texts.get(Integer.parseInt(l.substring(0, l.indexOf(','))))).toList();
        var predicted = org.polyhead.run.SavedModel.load(dir.resolve("model")).predict(validation);
        List<String> recorded = Files.readAllLines(dir.resolve("predictions.jsonl"));
        assertEquals(recorded.size(), predicted.size());
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (int i = 0; i < recorded.size(); i++) {
            var row = json.readTree(recorded.get(i));
            var probs = row.get("party").get("probabilities");
            List<Double> saved = new java.util.ArrayList<>(predicted.get(i).get("party").values());
            for (int c = 0; c < saved.size(); c++) {
                assertEquals(probs.get(c).asDouble(), saved.get(c), 1e-6, "row " + i + " class " + c);
            }
        }
    }

    @Test
    void earlyStoppingEndsARunWhoseMetricStopsImproving(@TempDir Path tmp) throws IOException {
        // at lr 1e-9 the validation accuracy cannot change: epoch 2 is the first stale one, and patience is 1
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("spec.yaml"), SPEC),
                List.of("sweep={}", "name=early-it", "training.epochs=4", "training.lr=1.0e-9",
                        "training.early_stopping=val_acc_party", "training.patience=1", "training.checkpoint=false"));
        TrialRunner.Result result = sweep(spec, tmp).results().get(0);
        MlflowClient client = new MlflowClient(MlflowServerExtension.url());
        assertEquals(RunStatus.FINISHED, result.status());
        assertEquals(2, client.getMetricHistory(result.runId(), "val_acc_party").size(), "stopped after epoch 2 of 4");
        assertTrue(client.getRun(result.runId()).getData().getTagsList().stream()
                .anyMatch(t -> t.getKey().equals("polyhead.early_stopped") && t.getValue().equals("epoch 2")));
    }

    /** Linear warm-up to the peak over the first steps, then decay towards 0 at the last step. */
    private static void assertWarmUpThenDecay(List<Service.Metric> lr, int steps) {
        List<Double> byStep = lr.stream().sorted(java.util.Comparator.comparingLong(Service.Metric::getStep))
                .map(Service.Metric::getValue).toList();
        assertEquals(steps, byStep.size(), "one lr point per step");
        double peak = byStep.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertEquals(0.003, peak, 1e-12);
        assertTrue(byStep.get(0) < peak && byStep.get(byStep.size() - 1) < peak / 5, byStep.toString());
    }

    private static com.fasterxml.jackson.databind.JsonNode yaml(String text) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(text);
    }

    static SweepRunner.Outcome sweep(SpecLoader.Resolved spec, Path tmp) {
        return TestSweeps.sweep(spec, tmp);
    }

    static String get(String path) {
        return get(MlflowServerExtension.url(), path);
    }

    static String get(String url, String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(url + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
