package org.polyhead.pooling;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.polyhead.graph.Ops;

/**
 * Which token(s) of each sequence are the marked target, fed as data: [B, T] weights per batch, never parameters. The
 * pooled vector is s_b·H_b, a batched matmul of the weights with the hidden states. SameDiff 1.0.0-M2.1's gather has a
 * wrong gradient and gatherNd none (docs/samediff-m2.1.md §3); a matmul with fed weights is exact (a one-hot row picks
 * the row of H bit for bit) and its gradient reaches only the weighted positions.
 */
public final class TargetSelection {
    /** [B, T]: 1 at the target's first sub-token, 0 elsewhere. */
    public static final String FIRST = "target.selection.first";
    /** [B, T]: 1/n at each of the target's n sub-tokens, 0 elsewhere. */
    public static final String MEAN = "target.selection.mean";

    private TargetSelection() {}

    /** The selection placeholder {@code name}, created once per graph. */
    static SDVariable weights(SameDiff sd, String name, DataType type) {
        return Ops.placeholder(sd, name, type, -1, -1);
    }

    /** Σ_t s_bt·h_bt for s [B, T] and h [B, T, d]: [B, 1, T]·[B, T, d] → [B, d]. */
    static SDVariable select(SameDiff sd, SDVariable s, SDVariable hidden) {
        return sd.squeeze(sd.expandDims(s, 1).mmul(hidden), 1);
    }
}
