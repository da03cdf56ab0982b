package org.polyhead.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.UserError;
import org.polyhead.data.DatasetRegistry;
import org.polyhead.data.SpanRecord;
import org.polyhead.data.WordNetTargets;
import org.polyhead.spec.SpecLoader;
import org.polyhead.sweep.TestSweeps;
import org.polyhead.track.MlflowServerExtension;
import org.polyhead.track.RunStatus;

/**
 * A few steps of {@code target+cls} on a small real slice of wordnet-verb-target, tracked in a real MLflow server: the
 * run logs val_acc/val_f1/val_auc per epoch, the saved model, reloaded, reproduces the recorded validation
 * predictions from the spans alone, and {@code polyhead predict} reads span JSONL (label optional).
 */
@ExtendWith(MlflowServerExtension.class)
@Tag("integration")
class TargetRunIntegrationTest {
    private static final String SPEC = """
            name: target-it
            data: {name: wordnet-verb-target, max_records: 64, validation: 0.25, max_length: 24}
            encoder: {layers: 1, hidden: 16, heads: 2, intermediate: 32, dropout: 0.1}
            model: {pooling: target+cls}
            training: {epochs: 2, batch_size: 16, lr: 0.003, seed: 1}
            """;

    @Test
    void aTargetRunLogsAucPerEpochAndItsSavedModelPredictsFromSpans(@TempDir Path tmp) throws IOException {
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("spec.yaml"), SPEC), List.of());
        Path home = MlflowServerExtension.projectHome();
        TrialRunner.Result result = TestSweeps.single(spec, tmp);
        assertEquals(RunStatus.FINISHED, result.status(), result.failure());
        MlflowClient client = new MlflowClient(MlflowServerExtension.url());
        List<Service.Metric> auc = client.getMetricHistory(result.runId(), "val_auc_label");
        assertEquals(2, auc.size(), "one val_auc point per epoch");
        auc.forEach(m -> assertTrue(m.getValue() >= 0 && m.getValue() <= 1, "AUC in [0, 1]: " + m.getValue()));
        assertEquals(2, client.getMetricHistory(result.runId(), "val_acc_label").size());
        assertEquals(2, client.getMetricHistory(result.runId(), "val_f1_label").size());

        Map<Integer, SpanRecord> byLine = new HashMap<>();
        DatasetRegistry.target(WordNetTargets.NAME, home).records().forEach(r -> byLine.put(r.line(), r));
        List<SpanRecord> validation = Files.readAllLines(tmp.resolve("split-" + spec.hash().substring(0, 12))
                        .resolve("split.csv")).stream().skip(1).filter(l -> l.endsWith(",validation"))
                .map(l -> byLine.get(Integer.parseInt(l.substring(0, l.indexOf(','))))).toList();
        SavedModel saved = SavedModel.load(tmp.resolve(result.runId()).resolve("model"));
        var predicted = saved.predictTargets(validation, "validation");
        List<String> recorded = Files.readAllLines(tmp.resolve(result.runId()).resolve("predictions.jsonl"));
        assertEquals(recorded.size(), predicted.size());
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < recorded.size(); i++) {
            JsonNode probs = json.readTree(recorded.get(i)).get("label").get("probabilities");
            assertEquals(probs.get(1).asDouble(), predicted.get(i).get("label").get("1"), 1e-6, "row " + i);
        }
        assertThrows(UserError.class, () -> saved.predict(List.of("no target marked")));

        Path in = Files.write(tmp.resolve("spans.jsonl"), List.of("{\"text\": \"they run the shop\", \"span\": [5, 8]}",
                "{\"text\": \"a long run\", \"word_index\": 2, \"label\": 0}"));
        Path out = tmp.resolve("out.jsonl");
        assertEquals(0, org.polyhead.cli.Main.commandLine().execute("predict", "--model",
                tmp.resolve(result.runId()).resolve("model").toString(), "--input", in.toString(), "--output", out.toString()));
        List<String> lines = Files.readAllLines(out);
        assertEquals(2, lines.size());
        JsonNode first = json.readTree(lines.get(0));
        assertEquals("[5,8]", first.get("span").toString());
        JsonNode p = first.get("predictions").get("label");
        assertEquals(1.0, p.get("0").asDouble() + p.get("1").asDouble(), 1e-5);
        assertEquals("[7,10]", json.readTree(lines.get(1)).get("span").toString());
    }
}
