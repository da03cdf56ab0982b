package org.polyhead.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;

/** What the tracker records in MLflow's own vocabulary, read back from a real MLflow 3 server. */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class MlflowConventionsIntegrationTest {

    @Test
    void experimentsOpenInTheModelTrainingViewEvenWhenCreatedElsewhere(@TempDir Path tmp) {
        MlflowClient client = new MlflowClient(MlflowServerExtension.url());
        String plain = client.createExperiment("made-without-kind");
        try (MlflowTracker tracker = new MlflowTracker(MlflowServerExtension.url(), tmp, Duration.ofSeconds(30))) {
            tracker.startRun("made-by-polyhead", "r", null, Map.of()).end(RunStatus.FINISHED);
            tracker.startRun("made-without-kind", "r", null, Map.of()).end(RunStatus.FINISHED);
        }
        assertEquals(ExperimentKind.MODEL_TRAINING, kind(client, client.getExperimentByName("made-by-polyhead")
                .orElseThrow().getExperimentId()));
        assertEquals(ExperimentKind.MODEL_TRAINING, kind(client, plain));
    }

    @Test
    void datasetInputsCarryDigestSourceSchemaAndSplit(@TempDir Path tmp) {
        MlflowClient client = new MlflowClient(MlflowServerExtension.url());
        String runId;
        try (MlflowTracker tracker = new MlflowTracker(MlflowServerExtension.url(), tmp, Duration.ofSeconds(30))) {
            TrackedRun run = tracker.startRun("inputs", "r", null, Map.of());
            runId = run.runId();
            String schema = "{\"mlflow_colspec\":[{\"type\":\"string\",\"name\":\"text\",\"required\":true}]}";
            // MLflow keeps one input per (dataset, run), a dataset being its name and digest: each split has its own
            run.logInputs(List.of(
                    new DatasetInput("sotu", "0123456789abcdef", "npm", "{\"uri\":\"npm:x\"}", schema, "train"),
                    new DatasetInput("sotu", "fedcba9876543210", "npm", "{\"uri\":\"npm:x\"}", schema, "validation")));
            run.end(RunStatus.FINISHED);
        }
        List<Service.DatasetInput> inputs = client.getRun(runId).getInputs().getDatasetInputsList();
        assertEquals(2, inputs.size());
        Service.Dataset d = inputs.stream().map(Service.DatasetInput::getDataset)
                .filter(x -> x.getDigest().equals("0123456789abcdef")).findFirst().orElseThrow();
        assertEquals("sotu", d.getName());
        assertEquals("npm", d.getSourceType());
        assertTrue(d.getSchema().contains("mlflow_colspec"), d.getSchema());
        assertEquals(List.of("train", "validation"), inputs.stream().map(i -> i.getTagsList().stream()
                .filter(t -> t.getKey().equals(DatasetInput.CONTEXT_TAG)).findFirst().orElseThrow().getValue())
                .sorted().toList());
    }

    private static String kind(MlflowClient client, String experimentId) {
        return client.getExperiment(experimentId).getTagsList().stream()
                .filter(t -> t.getKey().equals(ExperimentKind.TAG)).map(Service.ExperimentTag::getValue)
                .findFirst().orElse(null);
    }
}
