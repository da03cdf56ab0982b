package org.polyhead.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.heads.LabelGroup;

/** Writes a run's validation confusion matrices ({@code confusion.json}) and predictions ({@code predictions.jsonl}). */
final class ValidationArtifacts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ValidationArtifacts() {}

    static void write(Path dir, List<LabelGroup> groups, Map<String, INDArray> probs, Map<String, INDArray> targets)
            throws IOException {
        Map<String, Object> confusion = new LinkedHashMap<>();
        for (LabelGroup g : groups) {
            confusion.put(g.name(), Map.of("classes", g.classes(),
                    "matrix", Evaluation.confusion(probs.get("pred." + g.name()), targets.get(g.targetName()))));
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("confusion.json").toFile(), confusion);
        long n = targets.values().iterator().next().size(0);
        try (Writer w = Files.newBufferedWriter(dir.resolve("predictions.jsonl"))) {
            for (int i = 0; i < n; i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("index", i);
                for (LabelGroup g : groups) {
                    INDArray p = probs.get("pred." + g.name()).getRow(i);
                    row.put(g.name(), Map.of("true", g.classes().get(targets.get(g.targetName()).getRow(i).argMax().getInt(0)),
                            "predicted", g.classes().get(p.argMax().getInt(0)), "probabilities", p.toDoubleVector()));
                }
                w.write(JSON.writeValueAsString(row));
                w.write('\n');
            }
        }
    }
}
