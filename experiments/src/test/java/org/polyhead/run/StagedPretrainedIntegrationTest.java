package org.polyhead.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.polyhead.spec.SpecLoader;
import org.polyhead.sweep.TestSweeps;
import org.polyhead.track.MlflowServerExtension;
import org.polyhead.track.RunStatus;
import org.polyhead.track.Tags;

/**
 * Staged training with {@code encoder.checkpoint}: every stage starts from the pretrained encoder, as one-model designs
 * do. Its stages once built fresh models and never loaded the checkpoint, so with frozen layers they trained heads on
 * random features (the hierarchy paper's staged trials scored near chance); the run's checkpoint tag is set where the
 * weights are loaded.
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class StagedPretrainedIntegrationTest {
    private static final String SPEC = """
            name: staged-pretrained-it
            data: {name: wordnet-hierarchy, max_records: 90, validation: 0.2, max_length: 12}
            encoder: {checkpoint: all-MiniLM-L6-v2, dropout: 0.1, freeze_layers: 5, cache_frozen: true}
            model: {pooling: mean, heads: staged}
            loss: {weights: [1.0, 1.0, 1.0]}
            training: {epochs: 1, batch_size: 16, lr: 1.0e-4, head_lr: 2.0e-3, seed: 1}
            """;

    @Test
    void everyStageStartsFromThePretrainedEncoder(@TempDir Path tmp) throws IOException {
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("spec.yaml"), SPEC), List.of());
        TrialRunner.Result result = TestSweeps.single(spec, tmp);
        assertEquals(RunStatus.FINISHED, result.status(), result.failure());
        Map<String, String> tags = new MlflowClient(MlflowServerExtension.url()).getRun(result.runId()).getData()
                .getTagsList().stream().collect(Collectors.toMap(Service.RunTag::getKey, Service.RunTag::getValue));
        String checkpoint = tags.get(Tags.CHECKPOINT);
        assertTrue(checkpoint != null && checkpoint.endsWith("all-MiniLM-L6-v2"), tags.toString());
    }
}
