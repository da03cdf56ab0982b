package org.polyhead.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's grouped dataset in JSONL: one {@code {"text": "...", "labels": {"group": value}, "unit": "..."}} per line,
 * where a value is a class name, a number or a list of class names and {@code unit} (optional) keeps related records
 * in one split. Every malformed line is reported with its file and line number.
 */
public final class JsonlGroups {
    private JsonlGroups() {}

    public static Dataset<GroupRecord> load(Path file) {
        return Dataset.of(file.getFileName().toString(), Jsonl.source(file), Jsonl.read(file, JsonlGroups::parse));
    }

    static GroupRecord parse(Jsonl.Where where, JsonNode node, String text) {
        JsonNode labels = node.get("labels");
        if (labels == null || !labels.isObject() || labels.isEmpty()) {
            throw where.error("\"labels\" must be an object with one entry per group");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            values.put(e.getKey(), value(where, "labels." + e.getKey() + ": ", e.getValue()));
        }
        String unit = node.hasNonNull("unit") ? node.get("unit").asText() : "line" + where.line();
        return new GroupRecord(where.line(), text, values, unit);
    }

    private static Object value(Jsonl.Where where, String key, JsonNode v) {
        if (v.isTextual() && !v.asText().isBlank()) {
            return v.asText();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isArray()) {
            List<String> classes = new ArrayList<>();
            for (JsonNode c : v) {
                if (!c.isTextual() || c.asText().isBlank()) {
                    throw where.error(key + "a multi-label list must hold class names, got " + c);
                }
                classes.add(c.asText());
            }
            return List.copyOf(classes);
        }
        throw where.error(key + "expected a class name, a number or a list of class names, got " + v);
    }
}
