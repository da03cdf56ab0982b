package org.polyhead.data;

import java.util.Map;
import java.util.TreeMap;

/**
 * One text with a label per group: a class name (String), a number (Double) or several classes (List of String).
 *
 * @param line   1-based line (or record number) in the source, for error messages
 * @param unit   what must not be split across train and validation (e.g. the speech a passage comes from)
 */
public record GroupRecord(int line, String text, Map<String, Object> labels, String unit) implements TextRecord {
    public GroupRecord {
        labels = Map.copyOf(labels);
    }

    /** A record that is its own unit. */
    public GroupRecord(int line, String text, Map<String, Object> labels) {
        this(line, text, labels, "line" + line);
    }

    @Override
    public String canonical() {
        return text + '\u0000' + new TreeMap<>(labels);
    }
}
