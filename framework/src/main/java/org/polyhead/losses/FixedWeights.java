package org.polyhead.losses;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/** L = Σ_k w_k·L_k with w fed through a placeholder (π, 1−π for two groups). */
public final class FixedWeights implements Weighting {
    @Override
    public SDVariable total(SameDiff sd, List<SDVariable> groupLosses, DataType type) {
        SDVariable w = sd.placeHolder(WEIGHTS, type, groupLosses.size());
        SDVariable L = sd.stack(0, groupLosses.toArray(SDVariable[]::new));
        return w.mul(L).sum();
    }
}
