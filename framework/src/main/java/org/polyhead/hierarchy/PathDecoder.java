package org.polyhead.hierarchy;

import java.util.List;

/**
 * Turns per-level class probabilities into one predicted path (class index per level). Works on any design's outputs,
 * so designs can be compared under the same decoding.
 */
public interface PathDecoder {

    /** @param levels per level, the probabilities of its classes for one example */
    int[] decode(List<double[]> levels);
}
