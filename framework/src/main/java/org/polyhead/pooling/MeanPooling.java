package org.polyhead.pooling;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.polyhead.encoder.EncoderInputs;
import org.polyhead.encoder.EncoderOutputs;

/** {@code mean}: Σ_t m_t·h_t / Σ_t m_t, so padding never dilutes the average. */
public final class MeanPooling implements Pooling {
    @Override
    public SDVariable pool(SameDiff sd, EncoderOutputs encoded, EncoderInputs in) {
        SDVariable m = sd.expandDims(in.mask(), 2);
        return encoded.hidden().mul(m).sum(1).div(m.sum(1));
    }
}
