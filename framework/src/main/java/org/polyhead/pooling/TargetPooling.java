package org.polyhead.pooling;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.polyhead.encoder.EncoderInputs;
import org.polyhead.encoder.EncoderOutputs;

/**
 * {@code target}: the last hidden state of the marked target's first sub-token; {@code target-mean}: the mean over all
 * of the target's sub-tokens. Only the target's vector reaches the classifier; the rest of the sequence still shapes
 * it through attention. The positions come from a fed {@link TargetSelection} placeholder.
 */
public final class TargetPooling implements Pooling {
    private final String selection;

    /** @param selection {@link TargetSelection#FIRST} or {@link TargetSelection#MEAN} */
    public TargetPooling(String selection) {
        this.selection = selection;
    }

    public static TargetPooling first() {
        return new TargetPooling(TargetSelection.FIRST);
    }

    public static TargetPooling mean() {
        return new TargetPooling(TargetSelection.MEAN);
    }

    @Override
    public SDVariable pool(SameDiff sd, EncoderOutputs encoded, EncoderInputs in) {
        SDVariable s = TargetSelection.weights(sd, selection, in.mask().dataType());
        return TargetSelection.select(sd, s, encoded.hidden());
    }
}
