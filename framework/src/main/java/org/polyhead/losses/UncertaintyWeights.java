package org.polyhead.losses;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Learned uncertainty weighting (Kendall, Gal and Cipolla, CVPR 2018): a learned log-variance s_k = log σ_k² per group
 * (variable {@code loss.log_var} [K], initialised to 0) and L = Σ_k w_k·½·(e^{−s_k}·L_k + s_k), their eq. 7 with the
 * fed weights w kept so that a group can still be switched off (w_k = 0 freezes its s_k). Groups whose loss is large
 * or noisy learn a large σ_k and are down-weighted; the +s_k term stops σ from growing without bound.
 */
public final class UncertaintyWeights implements Weighting {
    public static final String LOG_VAR = "loss.log_var";

    @Override
    public SDVariable total(SameDiff sd, List<SDVariable> groupLosses, DataType type) {
        SDVariable w = sd.placeHolder(WEIGHTS, type, groupLosses.size());
        SDVariable s = sd.var(LOG_VAR, Nd4j.zeros(type, groupLosses.size()));
        SDVariable L = sd.stack(0, groupLosses.toArray(SDVariable[]::new));
        return w.mul(sd.math().exp(s.neg()).mul(L).add(s)).sum().mul(0.5);
    }
}
