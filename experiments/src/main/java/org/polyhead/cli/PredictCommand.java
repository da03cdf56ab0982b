package org.polyhead.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.polyhead.UserError;
import org.polyhead.data.Jsonl;
import org.polyhead.data.JsonlSpans;
import org.polyhead.data.TextLines;
import org.polyhead.data.SpanRecord;
import org.polyhead.run.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code polyhead predict}: per-group class probabilities for each input text from a saved model. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict every label group for each input line (plain text, or JSONL with a \"text\" field; for"
                + " target models JSONL lines with \"span\" or \"word_index\" as in the data format, label optional).")
public final class PredictCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--model", required = true, description = "a saved model folder (.polyhead/runs/<run id>/model)")
    Path model;

    @Option(names = "--input", required = true, description = "texts, one per line (.txt) or JSONL with \"text\"")
    Path input;

    @Option(names = "--output", description = "JSONL output (default: stdout)")
    Path output;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new UserError("input file not found: " + input);
        }
        List<SpanRecord> targets = marksTargets(input) ? JsonlSpans.loadForPrediction(input) : null;
        List<String> texts = targets != null ? targets.stream().map(SpanRecord::text).toList() : readTexts(input);
        SavedModel saved = SavedModel.load(model);
        List<Map<String, Map<String, Double>>> rows = targets != null
                ? saved.predictTargets(targets, input.getFileName().toString()) : saved.predict(texts);
        try (PrintStream out = output == null ? System.out : new PrintStream(Files.newOutputStream(output))) {
            for (int i = 0; i < texts.size(); i++) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("text", texts.get(i));
                if (targets != null) {
                    line.put("span", List.of(targets.get(i).start(), targets.get(i).end()));
                }
                line.put("predictions", rows.get(i));
                out.println(JSON.writeValueAsString(line));
            }
        }
        return 0;
    }

    /** A JSONL input whose first record marks a target ("span" or "word_index") asks for target predictions. */
    static boolean marksTargets(Path file) throws IOException {
        if (!file.toString().endsWith(".jsonl")) {
            return false;
        }
        String first = TextLines.read(file).stream().filter(l -> !l.isBlank()).findFirst().orElse("{}");
        try {
            JsonNode n = JSON.readTree(first);
            return n.has("span") || n.has("word_index");
        } catch (IOException e) {
            return false;
        }
    }

    static List<String> readTexts(Path file) throws IOException {
        List<String> texts = new ArrayList<>();
        List<String> lines = TextLines.read(file);
        boolean jsonl = file.toString().endsWith(".jsonl");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            if (jsonl) {
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw Jsonl.invalid(file, i + 1, e);
                }
                if (!n.path("text").isTextual()) {
                    throw new UserError(file + ":" + (i + 1) + ": \"text\" must be a string");
                }
                texts.add(n.get("text").asText());
            } else {
                texts.add(line);
            }
        }
        if (texts.isEmpty()) {
            throw new UserError(file + ": no texts");
        }
        return texts;
    }
}
