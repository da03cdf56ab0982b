package org.polyhead.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.polyhead.UserError;

/**
 * A user's grouped dataset in JSONL: one {@code {"text": "...", "labels": {"group": value}, "unit": "..."}} per line,
 * where a value is a class name, a number or a list of class names and {@code unit} (optional) keeps related records
 * in one split. Every malformed line is reported with its file and line number.
 */
public final class JsonlGroups {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonlGroups() {}

    public static Dataset<GroupRecord> load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("dataset file not found: " + file);
        }
        List<GroupRecord> records = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    records.add(parse(file, n, line));
                }
            }
        } catch (IOException e) {
            throw new UserError(file + ": " + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new UserError(file + ": no records");
        }
        return new Dataset<>(file.getFileName().toString(), "user file " + file.toAbsolutePath(),
                Hashes.ofGroupRecords(records), records);
    }

    static GroupRecord parse(Path file, int n, String line) {
        String where = file + ":" + n + ": ";
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new UserError(where + "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!node.isObject()) {
            throw new UserError(where + "expected a JSON object");
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new UserError(where + "\"text\" must be a non-empty string");
        }
        JsonNode labels = node.get("labels");
        if (labels == null || !labels.isObject() || labels.isEmpty()) {
            throw new UserError(where + "\"labels\" must be an object with one entry per group");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            values.put(e.getKey(), value(where + "labels." + e.getKey() + ": ", e.getValue()));
        }
        String unit = node.hasNonNull("unit") ? node.get("unit").asText() : "line" + n;
        return new GroupRecord(n, text.asText(), values, unit);
    }

    private static Object value(String where, JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isArray()) {
            List<String> classes = new ArrayList<>();
            v.forEach(c -> {
                if (!c.isTextual()) {
                    throw new UserError(where + "a multi-label list must hold class names, got " + c);
                }
                classes.add(c.asText());
            });
            return List.copyOf(classes);
        }
        throw new UserError(where + "expected a class name, a number or a list of class names, got " + v);
    }
}
