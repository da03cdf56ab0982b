package org.polyhead.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.data.DatasetRegistry;
import org.polyhead.data.SpanRecord;
import org.polyhead.data.WordNetTargets;
import org.polyhead.spec.SpecLoader;
import org.polyhead.sweep.TestSweeps;
import org.polyhead.track.MlflowServerExtension;
import org.polyhead.track.RunStatus;

/**
 * A tracked run with the fine-tuning keys: heads at their own rate, layer 0 and the embeddings frozen and cached. The
 * frozen tensors leave training as they were initialised (LayerNorm gains 1, biases 0) while layer 1's move, and the
 * saved model, rebuilt as one uncut graph that recomputes the frozen part, reproduces the validation predictions the
 * cached model recorded.
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class FineTuneRunIntegrationTest {
    private static final String SPEC = """
            name: finetune-it
            data: {name: wordnet-verb-target, max_records: 64, validation: 0.25, max_length: 24}
            encoder: {layers: 2, hidden: 16, heads: 2, intermediate: 32, dropout: 0.1, freeze_layers: 1,
                      cache_frozen: true}
            model: {pooling: target}
            training: {epochs: 2, batch_size: 16, lr: 0.003, head_lr: 0.01, weight_decay: 0.01, seed: 1}
            """;

    @Test
    void frozenLayersStayPutAndTheCachedRunsSavedModelPredictsAlike(@TempDir Path tmp) throws IOException {
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("spec.yaml"), SPEC), List.of());
        Path home = MlflowServerExtension.projectHome();
        TrialRunner.Result result = TestSweeps.single(spec, tmp);
        assertEquals(RunStatus.FINISHED, result.status(), result.failure());
        Path model = tmp.resolve(result.runId()).resolve("model");
        assertEquals(0.0, saved(model, "embeddings.LayerNorm.weight").sub(1).amaxNumber().doubleValue(), 0.0);
        assertEquals(0.0, saved(model, "encoder.layer.0.output.LayerNorm.bias").amaxNumber().doubleValue(), 0.0);
        assertTrue(saved(model, "encoder.layer.1.output.LayerNorm.bias").amaxNumber().doubleValue() > 0,
                "layer 1 trains");

        Map<Integer, SpanRecord> byLine = new HashMap<>();
        DatasetRegistry.target(WordNetTargets.NAME, home).records().forEach(r -> byLine.put(r.line(), r));
        List<SpanRecord> validation = Files.readAllLines(tmp.resolve("split-" + spec.hash().substring(0, 12))
                        .resolve("split.csv")).stream().skip(1).filter(l -> l.endsWith(",validation"))
                .map(l -> byLine.get(Integer.parseInt(l.substring(0, l.indexOf(','))))).toList();
        var predicted = SavedModel.load(model).predictTargets(validation, "validation");
        List<String> recorded = Files.readAllLines(tmp.resolve(result.runId()).resolve("predictions.jsonl"));
        assertEquals(recorded.size(), predicted.size());
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < recorded.size(); i++) {
            JsonNode probs = json.readTree(recorded.get(i)).get("label").get("probabilities");
            assertEquals(probs.get(1).asDouble(), predicted.get(i).get("label").get("1"), 1e-6, "row " + i);
        }
    }

    /** A tensor of a saved model's weights.zip. */
    private static INDArray saved(Path model, String name) throws IOException {
        try (ZipFile zip = new ZipFile(model.resolve("weights.zip").toFile())) {
            return Nd4j.read(new DataInputStream(zip.getInputStream(zip.getEntry("param/" + name))));
        }
    }
}
