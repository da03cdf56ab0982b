package org.polyhead.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's target dataset in JSONL: {@code {"text": "...", "span": [start, end], "label": 0|1}} with a character span
 * {@code [start, end)}, or {@code {"text": "...", "word_index": i, "label": 0|1}} marking the i-th (0-based)
 * whitespace-separated word. Spans outside the text, labels other than 0/1 and non-integers are reported by line.
 */
public final class JsonlSpans {
    private static final Pattern WORD = Pattern.compile("\\S+");

    private JsonlSpans() {}

    public static Dataset<SpanRecord> load(Path file) {
        return Dataset.of(file.getFileName().toString(), Jsonl.source(file), Jsonl.read(file, JsonlSpans::parse));
    }

    /** Records to predict: as {@link #load}, but {@code "label"} may be left out (read as 0; predictions ignore it). */
    public static List<SpanRecord> loadForPrediction(Path file) {
        return Jsonl.read(file, (where, node, text) -> parse(where,
                node.has("label") ? node : ((ObjectNode) node.deepCopy()).put("label", 0), text));
    }

    static SpanRecord parse(Jsonl.Where where, JsonNode node, String text) {
        int label = Jsonl.field(where, node, "label");
        if (label != 0 && label != 1) {
            throw where.error("\"label\" must be 0 or 1, got " + label);
        }
        int[] span;
        if (node.hasNonNull("span")) {
            span = span(where, node.get("span"), text);
        } else if (node.hasNonNull("word_index")) {
            span = word(where, Jsonl.field(where, node, "word_index"), text);
        } else {
            throw where.error("needs \"span\": [start, end] or \"word_index\": i to mark the target");
        }
        return new SpanRecord(where.line(), text, span[0], span[1], label);
    }

    private static int[] span(Jsonl.Where where, JsonNode v, String text) {
        if (!v.isArray() || v.size() != 2) {
            throw where.error("\"span\" must be [start, end], got " + v);
        }
        int start = Jsonl.integer(where, v.get(0), "span[0]");
        int end = Jsonl.integer(where, v.get(1), "span[1]");
        if (start < 0 || end > text.length() || start >= end) {
            throw where.error("span [" + start + ", " + end + ") is outside the text (length " + text.length()
                    + ") or empty");
        }
        if (text.substring(start, end).isBlank()) {
            throw where.error("span [" + start + ", " + end + ") marks only whitespace");
        }
        return new int[] {start, end};
    }

    private static int[] word(Jsonl.Where where, int index, String text) {
        Matcher m = WORD.matcher(text);
        int i = 0;
        while (m.find()) {
            if (i++ == index) {
                return new int[] {m.start(), m.end()};
            }
        }
        throw where.error("\"word_index\" " + index + " is outside the text (" + i + " words)");
    }
}
