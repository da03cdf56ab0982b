package org.polyhead.pooling;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.polyhead.encoder.EncoderInputs;
import org.polyhead.encoder.EncoderOutputs;
import org.polyhead.encoder.WeightInit;

/** {@code pooler}: BERT's tanh(h[CLS]·W + b), with the checkpoint's {@code pooler.dense.*} weights. */
public final class PoolerPooling implements Pooling {
    private final int hidden;
    private final WeightInit init;

    public PoolerPooling(int hidden, WeightInit init) {
        this.hidden = hidden;
        this.init = init;
    }

    @Override
    public SDVariable pool(SameDiff sd, EncoderOutputs encoded, EncoderInputs in) {
        SDVariable cls = encoded.hidden().get(SDIndex.all(), SDIndex.point(0), SDIndex.all());
        SDVariable W = sd.var("pooler.dense.weight", init.normal(hidden, hidden));
        SDVariable b = sd.var("pooler.dense.bias", init.zeros(hidden));
        return sd.math().tanh(cls.mmul(W).add(b));
    }
}
