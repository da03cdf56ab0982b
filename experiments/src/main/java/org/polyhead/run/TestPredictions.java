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
import org.polyhead.data.TextRecord;
import org.polyhead.eval.Predictions;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetType;
import org.polyhead.report.RunPredictions;

/**
 * The per-example predictions on the held-out test part, {@code test_predictions.jsonl}: one line per test record in
 * split order, {@code {"index": i, "line": source line, "<group>": {"true": class, "predicted": class}}} for each
 * single-label group. Trials and baselines write the same file, so a report can pair any two runs on the same test
 * examples (paired bootstrap, McNemar) by {@code index}.
 */
public final class TestPredictions {
    /** The artifact's file name. */
    public static final String FILE = RunPredictions.FILE;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestPredictions() {}

    /**
     * @param probs   {@code pred.<group>} [N, classes] per single-label group (other groups are left out)
     * @param targets one-hot targets [N, classes] by {@link LabelGroup#targetName()}
     * @param records the test records in the same order, for their source lines; null leaves {@code line} out
     */
    public static Path write(Path file, List<LabelGroup> groups, Predictions probs,
                             Map<String, INDArray> targets, List<? extends TextRecord> records) throws IOException {
        List<LabelGroup> single = groups.stream().filter(g -> g.type() == TargetType.SOFTMAX).toList();
        long n = targets.values().iterator().next().size(0);
        try (Writer w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < n; i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("index", i);
                if (records != null) {
                    row.put("line", records.get(i).line());
                }
                for (LabelGroup g : single) {
                    row.put(g.name(), Map.of(
                            "true", g.classes().get(targets.get(g.targetName()).getRow(i).argMax().getInt(0)),
                            "predicted", g.classes().get(probs.of(g).getRow(i).argMax().getInt(0))));
                }
                w.write(JSON.writeValueAsString(row));
                w.write('\n');
            }
        }
        return file;
    }
}
