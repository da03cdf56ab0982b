package org.polyhead.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.polyhead.UserError;

/**
 * The line loop shared by the JSONL formats: each non-blank line must be a JSON object with a non-empty {@code text};
 * the task's parser reads the rest. Every error names the file and the 1-based line, so a user can fix the data.
 */
public final class Jsonl {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads one record from a line's JSON object whose text has already been checked. */
    interface LineParser<R> {
        R parse(Where where, JsonNode node, String text);
    }

    /** A position in a file, for error messages ({@code file:line: what is wrong}). */
    record Where(Path file, int line) {
        UserError error(String what) {
            return new UserError(file + ":" + line + ": " + what);
        }
    }

    private Jsonl() {}

    static <R extends TextRecord> List<R> read(Path file, LineParser<R> parser) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("dataset file not found: " + file);
        }
        List<R> records = new ArrayList<>();
        List<String> lines = TextLines.read(file);
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            if (!line.isBlank()) {
                Where where = new Where(file, n);
                JsonNode node = object(where, line);
                records.add(parser.parse(where, node, text(where, node)));
            }
        }
        if (records.isEmpty()) {
            throw new UserError(file + ": no records");
        }
        return records;
    }

    /** The first non-blank line's object, to tell which task format a file holds. */
    static JsonNode firstObject(Path file) {
        List<String> lines = TextLines.read(file);
        for (int n = 1; n <= lines.size(); n++) {
            if (!lines.get(n - 1).isBlank()) {
                return object(new Where(file, n), lines.get(n - 1));
            }
        }
        throw new UserError(file + ": no records");
    }

    static String source(Path file) {
        return "user file " + file.toAbsolutePath();
    }

    /** An integer field of an object; a missing, fractional or non-numeric value is an error naming the field. */
    static int field(Where where, JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw where.error("\"" + field + "\" is missing");
        }
        return integer(where, v, field);
    }

    /** An integer value; a fractional or non-numeric value is an error naming {@code what}. */
    static int integer(Where where, JsonNode v, String what) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw where.error("\"" + what + "\" must be an integer, got " + v);
        }
        return v.intValue();
    }

    private static JsonNode object(Where where, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw invalid(where.file(), where.line(), e);
        }
        if (node == null || !node.isObject()) {
            throw where.error("expected a JSON object");
        }
        return node;
    }

    /** {@code file:line:column: not valid JSON (what the parser expected)}, in one line. */
    public static UserError invalid(Path file, int line, JsonProcessingException e) {
        String column = e.getLocation() == null ? "" : ":" + e.getLocation().getColumnNr();
        String why = e.getOriginalMessage().lines().findFirst().orElse("").trim();
        return new UserError(file + ":" + line + column + ": not valid JSON (" + why + ")");
    }

    private static String text(Where where, JsonNode node) {
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw where.error("\"text\" must be a non-empty string");
        }
        return text.asText();
    }
}
