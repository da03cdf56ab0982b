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

    /** BERT's position table: sequences of up to 512 tokens. */
    public static final int BERT_MAX_POSITIONS = 512;
    /** BERT's segment table: sentences A and B. */
    public static final int BERT_TYPE_VOCAB = 2;
    /** BERT's LayerNorm epsilon. */
    public static final double BERT_LAYER_NORM_EPS = 1e-12;

    /** An encoder of the given sizes with BERT's positions, segment types and LayerNorm epsilon. */
    public static EncoderConfig bert(int vocabSize, int hidden, int layers, int heads, int intermediate,
                                     double dropout) {
        return new EncoderConfig(vocabSize, hidden, layers, heads, intermediate, BERT_MAX_POSITIONS, BERT_TYPE_VOCAB,
                BERT_LAYER_NORM_EPS, dropout);
    }

    /** A small encoder trained from scratch, for quick experiments. */
    public static EncoderConfig small(int vocabSize) {
        return bert(vocabSize, 128, 2, 4, 512, 0.1);
    }

    /** The same shapes with another dropout (fine-tuning may use another rate than pre-training). */
    public EncoderConfig withDropout(double rate) {
        return new EncoderConfig(vocabSize, hidden, layers, heads, intermediate, maxPositions, typeVocabSize,
                layerNormEps, rate);
    }

    public int headSize() {
        return hidden / heads;
    }
}
