package org.polyhead.pooling;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.polyhead.encoder.EncoderInputs;
import org.polyhead.encoder.EncoderOutputs;

/**
 * Several poolings side by side, e.g. {@code target+cls} = [h_target ; h_CLS]: the head sees the target and a summary
 * of the whole sequence, and can learn how much each matters.
 */
public final class ConcatPooling implements Pooling {
    private final List<Pooling> parts;

    public ConcatPooling(Pooling... parts) {
        this.parts = List.of(parts);
    }

    @Override
    public SDVariable pool(SameDiff sd, EncoderOutputs encoded, EncoderInputs in) {
        SDVariable[] pooled = parts.stream().map(p -> p.pool(sd, encoded, in)).toArray(SDVariable[]::new);
        return sd.concat(1, pooled);
    }

    @Override
    public int width(int hidden) {
        return parts.stream().mapToInt(p -> p.width(hidden)).sum();
    }
}
