package org.polyhead.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetType;
import org.polyhead.mlflow.ConfusionPicture;

/**
 * Writes a run's validation confusion matrices ({@code confusion.json} and one {@code confusion_<group>.png} per
 * single-label group) and predictions ({@code predictions.jsonl}: the text, then per group the true and predicted
 * class with the probabilities, the true and predicted class sets for multi-label groups, the true and predicted value
 * in original units for regression groups).
 */
public final class ValidationArtifacts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ValidationArtifacts() {}

    /**
     * @param texts the validation texts in batch order, written into each prediction line; left out when their number
     *              differs from the predictions' (a task that dropped records while batching)
     */
    public static void write(Path dir, List<LabelGroup> groups, Predictions probs, Map<String, INDArray> targets,
                             List<String> texts) throws IOException {
        Map<String, Object> confusion = new LinkedHashMap<>();
        for (LabelGroup g : groups) {
            if (g.type() == TargetType.SOFTMAX) {
                long[][] matrix = Evaluation.confusion(probs.of(g), targets.get(g.targetName()));
                confusion.put(g.name(), Map.of("classes", g.classes(), "matrix", matrix));
                ConfusionPicture.write(dir.resolve(picture(g)), g.name() + " (validation)", g.classes(), matrix);
            }
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("confusion.json").toFile(), confusion);
        long n = targets.values().iterator().next().size(0);
        try (Writer w = Files.newBufferedWriter(dir.resolve("predictions.jsonl"))) {
            for (int i = 0; i < n; i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("index", i);
                if (texts.size() == n) {
                    row.put("text", texts.get(i));
                }
                for (LabelGroup g : groups) {
                    row.put(g.name(), entry(g, probs.of(g).getRow(i),
                            targets.get(g.targetName()).getRow(i)));
                }
                w.write(JSON.writeValueAsString(row));
                w.write('\n');
            }
        }
    }

    /** The PNG of a single-label group's confusion matrix: {@code confusion_<group>.png}. */
    public static String picture(LabelGroup g) {
        return "confusion_" + g.name() + ".png";
    }

    private static Map<String, Object> entry(LabelGroup g, INDArray p, INDArray y) {
        return switch (g.type()) {
            case SOFTMAX -> Map.of("true", g.classes().get(y.argMax().getInt(0)),
                    "predicted", g.classes().get(p.argMax().getInt(0)), "probabilities", p.toDoubleVector());
            case MULTILABEL -> Map.of("true", above(g, y), "predicted", above(g, p), "probabilities", p.toDoubleVector());
            case REGRESSION -> Map.of("true", y.getDouble(0), "predicted", p.getDouble(0));
        };
    }

    private static List<String> above(LabelGroup g, INDArray v) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < g.classes().size(); c++) {
            if (v.getDouble(c) > Evaluation.THRESHOLD) {
                out.add(g.classes().get(c));
            }
        }
        return out;
    }
}
