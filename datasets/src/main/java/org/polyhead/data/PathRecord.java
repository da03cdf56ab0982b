package org.polyhead.data;

import java.util.List;

/**
 * One text with its label path in a hierarchy, top level first ({@code ["topic", "subtopic", "class"]}).
 *
 * @param line 1-based line (or record number) in the source, for error messages
 */
public record PathRecord(int line, String text, List<String> path) implements TextRecord {
    public PathRecord {
        path = List.copyOf(path);
    }

    /** The most specific label (the last level). */
    public String leaf() {
        return path.get(path.size() - 1);
    }

    @Override
    public String canonical() {
        return text + '\u0000' + String.join("\u0001", path);
    }
}
