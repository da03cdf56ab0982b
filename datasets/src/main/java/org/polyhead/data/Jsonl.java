package org.polyhead.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.polyhead.UserError;

/**
 * The line loop shared by the JSONL formats: each non-blank line must be a JSON object with a non-empty {@code text};
 * the task's parser reads the rest. Every error names the file and the 1-based line, so a user can fix the data.
 */
final class Jsonl {
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
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    Where where = new Where(file, n);
                    JsonNode node = object(where, line);
                    records.add(parser.parse(where, node, text(where, node)));
                }
            }
        } catch (IOException e) {
            throw new UserError(file + ": " + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new UserError(file + ": no records");
        }
        return records;
    }

    /** The first non-blank line's object, to tell which task format a file holds. */
    static JsonNode firstObject(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    return object(new Where(file, n), line);
                }
            }
        } catch (IOException e) {
            throw new UserError(file + ": " + e.getMessage(), e);
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
            throw where.error("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw where.error("expected a JSON object");
        }
        return node;
    }

    private static String text(Where where, JsonNode node) {
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw where.error("\"text\" must be a non-empty string");
        }
        return text.asText();
    }
}
