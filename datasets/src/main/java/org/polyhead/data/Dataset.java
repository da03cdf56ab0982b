package org.polyhead.data;

import java.util.List;

/**
 * A loaded dataset with its provenance.
 *
 * @param source where it comes from and under what licence
 * @param sha256 hash of the canonical records (text and labels), recorded with every run
 */
public record Dataset<R>(String name, String source, String sha256, List<R> records) {
    public Dataset {
        records = List.copyOf(records);
    }
}
