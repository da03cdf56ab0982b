package org.polyhead.encoder.tokenizer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tokenized batch padded to its longest row: token ids, the attention mask (1 = real token, 0 = padding) and segment
 * (token type) ids, each {@code [batch][seq]}. Plain int arrays because the word-embedding lookup happens in Java,
 * outside the graph ({@link org.polyhead.encoder.EmbeddingTables}); only the mask goes into the graph.
 */
public record TokenBatch(int[][] inputIds, int[][] attentionMask, int[][] tokenTypeIds) {

    public int size() {
        return inputIds.length;
    }

    /** Padded sequence length (0 for an empty batch). */
    public int seqLength() {
        return inputIds.length == 0 ? 0 : inputIds[0].length;
    }

    /** Number of real (unpadded) tokens of row {@code i}, specials included. */
    public int length(int i) {
        int n = 0;
        for (int m : attentionMask[i]) {
            n += m;
        }
        return n;
    }

    /** The attention mask as the graph's [B, T] placeholder value. */
    public INDArray mask(DataType type) {
        return Nd4j.createFromArray(attentionMask).castTo(type);
    }
}
