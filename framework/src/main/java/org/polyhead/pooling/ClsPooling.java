package org.polyhead.pooling;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.polyhead.encoder.EncoderInputs;
import org.polyhead.encoder.EncoderOutputs;

/** {@code cls}: the last hidden state of the first token ([CLS]). */
public final class ClsPooling implements Pooling {
    @Override
    public SDVariable pool(SameDiff sd, EncoderOutputs encoded, EncoderInputs in) {
        return encoded.hidden().get(SDIndex.all(), SDIndex.point(0), SDIndex.all());
    }
}
