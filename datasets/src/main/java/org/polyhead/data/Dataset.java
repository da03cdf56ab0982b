package org.polyhead.data;

import java.util.List;

/**
 * A loaded dataset with its provenance: every run records the hash, so a result can be traced to the exact records.
 *
 * @param source where it comes from, under what licence, and how it was derived
 * @param sha256 hash of the canonical records (text and labels, in order)
 */
public record Dataset<R extends TextRecord>(String name, String source, String sha256, List<R> records) {
    public Dataset {
        records = List.copyOf(records);
    }

    /** A dataset over these records, hashed. */
    public static <R extends TextRecord> Dataset<R> of(String name, String source, List<R> records) {
        return new Dataset<>(name, source, Hashes.of(records), records);
    }

    /** At most {@code max} records by a seeded sample (in source order), re-hashed; this dataset if already smaller. */
    public Dataset<R> sample(int max, long seed) {
        if (max <= 0 || records.size() <= max) {
            return this;
        }
        return of(name, source + "; seeded sample of " + max + " (seed " + seed + ")", Splits.sample(records, max, seed));
    }
}
