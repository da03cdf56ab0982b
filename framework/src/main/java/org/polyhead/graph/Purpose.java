package org.polyhead.graph;

/**
 * What a graph is built for, where that changes which ops compute the same math. A training graph is differentiated,
 * so its ops are chosen for a fast backprop in SameDiff 1.0.0-M2.1 (e.g. LayerNorm's γ spread over the rows by a
 * matmul, {@link Ops#layerNorm}); an inference graph only runs forward and drops that bookkeeping. Both give the same
 * outputs: a change made for one purpose must stay within float rounding of the other (the inference graph's test is
 * {@code framework/src/test/java/org/polyhead/train/InferenceGraphTest.java}).
 */
public enum Purpose {
    /** Forward and backward: the graph the trainer differentiates. */
    TRAINING,
    /** Forward only: predictions and validation losses. */
    INFERENCE
}
