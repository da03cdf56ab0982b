package org.polyhead.encoder;

import org.nd4j.autodiff.samediff.SDVariable;
import org.polyhead.graph.DropoutMasks;

/**
 * The graph's inputs for one batch.
 *
 * @param embeddings word + position + segment embeddings [B, T, d], looked up outside the graph
 *                   ({@link EmbeddingTables}) because gather's backprop is broken in SameDiff 1.0.0-M2.1
 * @param mask       attention mask [B, T]: 1 for real tokens, 0 for padding
 * @param dropout    the graph's dropout sites, whose masks are fed per step ({@link DropoutMasks#off()} at inference)
 */
public record EncoderInputs(SDVariable embeddings, SDVariable mask, DropoutMasks dropout) {
    public static final String EMBEDDINGS = "embeddings.sum";
    public static final String MASK = "attention_mask";
    /** Rows [B·T, d] leaving the frozen layers, in a graph built to cache them ({@code BertEncoder.build}). */
    public static final String FROZEN_OUTPUT = "encoder.frozen.output";
    /** Rows [B·T, d] fed to the first trainable layer in place of {@link #FROZEN_OUTPUT}, from a cache. */
    public static final String FROZEN_INPUT = "encoder.frozen.input";
}
