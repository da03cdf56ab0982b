package org.polyhead.spec;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Map;

/**
 * A spec value of the wrong type in the user's words ({@code expected an integer, got 'three'}) instead of Jackson's
 * ("Cannot deserialize value of type `java.lang.Integer` from String ...").
 */
final class TypeMismatch {
    private static final Map<Class<?>, String> EXPECTED = Map.of(
            Integer.class, "an integer", int.class, "an integer", Long.class, "an integer",
            Double.class, "a number", double.class, "a number", Boolean.class, "true or false",
            boolean.class, "true or false", String.class, "a string");

    private TypeMismatch() {}

    /** The message for a value of the wrong type, or null when {@code e} is something else. */
    static String of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MismatchedInputException m && m.getTargetType() != null) {
                return describe(m);
            }
        }
        return null;
    }

    private static String describe(MismatchedInputException m) {
        String expected = EXPECTED.get(m.getTargetType());
        if (expected == null) {
            return null;
        }
        Object value = m instanceof InvalidFormatException f ? f.getValue() : null;
        return "expected " + expected + (value == null ? "" : ", got '" + value + "'");
    }
}
