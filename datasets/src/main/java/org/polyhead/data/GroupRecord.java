package org.polyhead.data;

import java.util.Map;

/**
 * One text with a label per group: a class name (String), a number (Double) or several classes (List of String).
 *
 * @param line   1-based line (or record number) in the source, for error messages
 * @param unit   what must not be split across train and validation (e.g. the speech a passage comes from)
 */
public record GroupRecord(int line, String text, Map<String, Object> labels, String unit) {
    public GroupRecord {
        labels = Map.copyOf(labels);
    }
}
