package org.polyhead.encoder;

import com.google.common.base.Preconditions;

/**
 * Shapes of a BERT-style encoder: the single source of truth for every weight's shape, as in HuggingFace's BertConfig.
 *
 * @param vocabSize     rows of the word embedding table
 * @param hidden        width d of every hidden state
 * @param layers        number of post-LN transformer layers
 * @param heads         attention heads (d must be divisible by it)
 * @param intermediate  width of the GELU feed-forward layer
 * @param maxPositions  rows of the position embedding table (longest sequence)
 * @param typeVocabSize rows of the segment (token type) embedding table
 * @param layerNormEps  epsilon of every LayerNorm
 * @param dropout       drop probability of hidden states and attention probabilities during training
 */
public record EncoderConfig(int vocabSize, int hidden, int layers, int heads, int intermediate, int maxPositions,
                            int typeVocabSize, double layerNormEps, double dropout) {

    public EncoderConfig {
        Preconditions.checkArgument(vocabSize > 0 && hidden > 0 && layers >= 0 && heads > 0 && intermediate > 0,
                "encoder sizes must be positive: %s", this);
        Preconditions.checkArgument(hidden % heads == 0, "hidden (%s) must be divisible by heads (%s)", hidden, heads);
        Preconditions.checkArgument(dropout >= 0 && dropout < 1, "dropout must be in [0,1), got %s", dropout);
    }

    /** A small encoder trained from scratch, for quick experiments. */
    public static EncoderConfig small(int vocabSize) {
        return new EncoderConfig(vocabSize, 128, 2, 4, 512, 512, 2, 1e-12, 0.1);
    }

    public int headSize() {
        return hidden / heads;
    }
}
