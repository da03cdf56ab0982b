package org.polyhead.model;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One batch, ready to feed: token ids and segment ids [B][T] (for the embedding lookup outside the graph), the attention
 * mask [B, T] and one target array [B, width] per group (keyed by the group's target placeholder name).
 */
public record Batch(int[][] ids, int[][] types, INDArray mask, Map<String, INDArray> targets) {
    public int size() {
        return ids.length;
    }
}
