package org.polyhead.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's per-example predictions on the held-out test part, read from its {@value #FILE} artifact (one line per test
 * example in split order: {@code index}, {@code line} and per single-label group {@code true} and {@code predicted}),
 * so that two runs can be compared example by example.
 *
 * @param truth     per group, the true class of each test example
 * @param predicted per group, the predicted class of each test example
 */
public record RunPredictions(Map<String, List<String>> truth, Map<String, List<String>> predicted) {
    /** The artifact trials and baselines log. */
    public static final String FILE = "test_predictions.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static RunPredictions parse(String jsonl) {
        Map<String, List<String>> truth = new LinkedHashMap<>();
        Map<String, List<String>> predicted = new LinkedHashMap<>();
        try {
            for (String line : jsonl.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = JSON.readTree(line).fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isObject() && e.getValue().has("predicted")) {
                        truth.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                .add(e.getValue().get("true").asText());
                        predicted.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                .add(e.getValue().get("predicted").asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("malformed " + FILE, e);
        }
        return new RunPredictions(truth, predicted);
    }

    public boolean has(String group) {
        return predicted.containsKey(group);
    }

    /** Whether each test example of the group was classified right. */
    public boolean[] correct(String group) {
        List<String> t = truth.get(group);
        List<String> p = predicted.get(group);
        boolean[] out = new boolean[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.get(i).equals(p.get(i));
        }
        return out;
    }

    /** The one class predicted for every test example of the group, or null when the predictions vary. */
    public String constant(String group) {
        List<String> p = predicted.get(group);
        return p == null || p.isEmpty() || p.stream().distinct().count() > 1 ? null : p.get(0);
    }
}
