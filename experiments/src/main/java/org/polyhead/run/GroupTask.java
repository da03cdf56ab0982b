package org.polyhead.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.UserError;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetType;
import org.polyhead.spec.ExperimentSpec;
import org.polyhead.spec.SpecLoader;

/**
 * Prepares a multi-group classification task: reads {@code {"text": ..., "labels": {group: class}}} records, derives
 * each group's classes from the data (sorted) unless the spec lists them, splits by a seeded shuffle, tokenizes and
 * one-hot encodes the targets.
 */
public final class GroupTask {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GroupTask() {}

    record Example(int line, String text, Map<String, String> labels) {}

    public static PreparedData prepare(SpecLoader.Resolved resolved, Path tokenizerJson, Path workDir) {
        ExperimentSpec spec = resolved.spec();
        Path file = Path.of(spec.data().name());
        List<Example> examples = read(file);
        if (spec.data().maxRecords() > 0 && examples.size() > spec.data().maxRecords()) {
            List<Example> copy = new ArrayList<>(examples);
            Collections.shuffle(copy, new Random(spec.data().splitSeed()));
            examples = copy.subList(0, spec.data().maxRecords());
        }
        List<LabelGroup> groups = groups(spec, examples, file);
        List<Example> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(spec.data().splitSeed() + 1L));
        int nVal = (int) Math.round(shuffled.size() * spec.data().validation());
        List<Example> validation = shuffled.subList(0, nVal);
        List<Example> train = shuffled.subList(nVal, shuffled.size());
        Tokenized trainIds = Tokenized.of(tokenizerJson, train.stream().map(Example::text).toList(), spec.data().maxLength());
        Tokenized valIds = Tokenized.of(tokenizerJson, validation.stream().map(Example::text).toList(), spec.data().maxLength());
        Map<String, Path> artifacts = new LinkedHashMap<>();
        artifacts.put("data", writeAssignment(workDir, train, validation));
        return new PreparedData(groups, new TextBatches(trainIds.ids(), targets(groups, train)),
                new TextBatches(valIds.ids(), targets(groups, validation)), 30522, file.getFileName().toString(),
                sha256(file), trainIds.tokenizerId(), artifacts);
    }

    static List<Example> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("data.name: dataset file not found: " + file);
        }
        List<Example> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(lines.get(i));
                Map<String, String> labels = new LinkedHashMap<>();
                n.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                out.add(new Example(i + 1, n.path("text").asText(), labels));
            }
        } catch (IOException e) {
            throw new UserError(file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static List<LabelGroup> groups(ExperimentSpec spec, List<Example> examples, Path file) {
        if (spec.groups().isEmpty()) {
            throw new UserError("groups: the spec must list at least one label group");
        }
        List<LabelGroup> groups = new ArrayList<>();
        for (ExperimentSpec.GroupSpec g : spec.groups()) {
            List<String> classes = g.classes();
            if (classes.isEmpty()) {
                TreeSet<String> seen = new TreeSet<>();
                for (Example e : examples) {
                    String v = e.labels().get(g.name());
                    if (v == null) {
                        throw new UserError(file + ":" + e.line() + ": missing label for group '" + g.name() + "'");
                    }
                    seen.add(v);
                }
                classes = List.copyOf(seen);
            }
            groups.add(new LabelGroup(g.name(), TargetType.SOFTMAX, classes));
        }
        return groups;
    }

    private static Map<String, INDArray> targets(List<LabelGroup> groups, List<Example> examples) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (LabelGroup g : groups) {
            INDArray y = Nd4j.zeros(DataType.FLOAT, examples.size(), g.width());
            for (int i = 0; i < examples.size(); i++) {
                int k = g.classes().indexOf(examples.get(i).labels().get(g.name()));
                if (k < 0) {
                    throw new UserError("line " + examples.get(i).line() + ": label '" + examples.get(i).labels().get(g.name())
                            + "' is not in group '" + g.name() + "' " + g.classes());
                }
                y.putScalar(i, k, 1f);
            }
            out.put(g.targetName(), y);
        }
        return out;
    }

    private static Path writeAssignment(Path workDir, List<Example> train, List<Example> validation) {
        try {
            Files.createDirectories(workDir);
            Path p = Files.createTempFile(workDir, "split-", ".csv");
            StringBuilder sb = new StringBuilder("line,split\n");
            train.forEach(e -> sb.append(e.line()).append(",train\n"));
            validation.forEach(e -> sb.append(e.line()).append(",validation\n"));
            Files.writeString(p, sb);
            Path named = p.resolveSibling("split.csv");
            return Files.move(p, named, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UserError("cannot write the split assignment under " + workDir + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(Path file) {
        try {
            return Hashing.sha256().hashBytes(Files.readAllBytes(file)).toString();
        } catch (IOException e) {
            throw new UserError(file + ": " + e.getMessage(), e);
        }
    }
}
