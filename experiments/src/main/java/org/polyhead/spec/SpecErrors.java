package org.polyhead.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Jackson's parse and binding errors in the user's words: {@code spec.yaml:7:3: duplicate key 'epochs'},
 * {@code training.epochs: expected an integer, got 'three'}; never a Java type name or a stack trace.
 */
final class SpecErrors {
    private SpecErrors() {}

    /** A file that is not valid YAML (or not UTF-8, or repeats a key), with the line and column where it fails. */
    static String yaml(Path file, IOException e) {
        if (e instanceof CharacterCodingException || e instanceof CharConversionException
                || e.getCause() instanceof CharacterCodingException) {
            return file + ": not UTF-8 text";
        }
        if (!(e instanceof JsonProcessingException p)) {
            return file + ": cannot read: " + e.getMessage();
        }
        String why = firstLine(p.getOriginalMessage());
        JsonLocation at = p.getLocation();
        String line = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr();
        if (why.startsWith("Duplicate field '")) {  // reported after the key: the line is the key's, the column not
            return file + line + ": duplicate key '" + why.substring(17, why.indexOf('\'', 17)) + "'";
        }
        String column = line.isEmpty() ? "" : ":" + at.getColumnNr();
        return file + line + column + ": not valid YAML: " + why;
    }

    /** What a value should have been, for a value of the wrong type; Jackson's own message for anything else. */
    static String value(JsonMappingException e) {
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            Object given = e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f ? f.getValue()
                    : null;
            String expected = expected(m.getTargetType());
            if (expected != null) {
                return "expected " + expected + (given == null ? "" : ", got '" + given + "'");
            }
        }
        return e.getOriginalMessage();
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == Float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single value";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping";
        }
        return null;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s).trim();
    }
}
