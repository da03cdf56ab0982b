package org.polyhead.hierarchy;

import java.util.List;

/**
 * One record's labels from the top level down, with where it came from so that a path the taxonomy lacks can be
 * reported as {@code file:line}.
 *
 * @param line 1-based line (or record number) in the source
 */
public record LabelPath(int line, List<String> labels) {
    public LabelPath {
        labels = List.copyOf(labels);
    }
}
