package org.polyhead.data;

/**
 * What every record type shares, so that splits, hashes, caches and statistics work for all task types alike: the line
 * it came from (for error messages and split artifacts), its text, the unit that must stay in one split, and a
 * canonical form of its content for the dataset's SHA-256.
 */
public interface TextRecord {
    /** 1-based line in the source file, or the record's number for a built-in dataset. */
    int line();

    String text();

    /** Records with the same unit never land in different splits (by default each record is its own unit). */
    default String unit() {
        return "line" + line();
    }

    /** Text and labels in one stable string: equal content gives equal hashes whatever the file layout. */
    String canonical();
}
