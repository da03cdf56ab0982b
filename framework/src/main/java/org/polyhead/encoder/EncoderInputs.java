package org.polyhead.encoder;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The graph's inputs for one batch.
 *
 * @param embeddings word + position + segment embeddings [B, T, d], looked up outside the graph
 *                   ({@link EmbeddingTables}) because gather's backprop is broken in SameDiff 1.0.0-M2.1
 * @param mask       attention mask [B, T]: 1 for real tokens, 0 for padding
 * @param keep       dropout keep-probability, a scalar placeholder (1 at inference)
 */
public record EncoderInputs(SDVariable embeddings, SDVariable mask, SDVariable keep) {
    public static final String EMBEDDINGS = "embeddings.sum";
    public static final String MASK = "attention_mask";
    public static final String KEEP = "dropout.keep";
}
