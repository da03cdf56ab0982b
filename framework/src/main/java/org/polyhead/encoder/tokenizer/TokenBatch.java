package org.polyhead.encoder.tokenizer;

/**
 * A tokenized batch padded to its longest row: token ids, the attention mask (1 = real token, 0 = padding) and segment
 * (token type) ids, each {@code [batch][seq]}. Plain arrays so the encoder, caches and the word-embedding lookup (done
 * outside the graph) can all read them without a conversion step.
 */
public record TokenBatch(long[][] inputIds, long[][] attentionMask, long[][] tokenTypeIds) {

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
        for (long m : attentionMask[i]) {
            n += (int) m;
        }
        return n;
    }
}
