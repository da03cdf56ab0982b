package org.polyhead.pooling;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.polyhead.encoder.EncoderInputs;
import org.polyhead.encoder.EncoderOutputs;

/** Turns the encoder's per-token states into the one feature vector per sequence [B, d'] that the heads see. */
public interface Pooling {
    SDVariable pool(SameDiff sd, EncoderOutputs encoded, EncoderInputs in);

    /** Width of the pooled vector for an encoder of width {@code hidden}. */
    default int width(int hidden) {
        return hidden;
    }
}
