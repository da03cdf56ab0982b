package org.polyhead.data;

/**
 * One text with one marked target (the character span {@code [start, end)}) and a binary label for it, the data of
 * target-word classification: the label is about this occurrence in this context, not about the whole text.
 *
 * @param line  1-based line (or record number) in the source, for error messages
 * @param label 0 or 1
 */
public record SpanRecord(int line, String text, int start, int end, int label) implements TextRecord {
    public SpanRecord {
        if (start < 0 || end > text.length() || start >= end) {
            throw new IllegalArgumentException("span [" + start + "," + end + ") outside text of length " + text.length());
        }
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, got " + label);
        }
    }

    /** The marked target as it appears in the text. */
    public String target() {
        return text.substring(start, end);
    }

    @Override
    public String canonical() {
        return text + '\u0000' + start + ',' + end + ',' + label;
    }
}
