package org.polyhead.losses;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Chebyshev (weighted max) scalarization, L = max_k w_k·L_k: each step trains only the currently worst weighted group.
 * Unlike a weighted sum it can reach Pareto-optimal trade-offs on non-convex parts of the front, so a sweep over w
 * traces the front more completely.
 */
public final class ChebyshevWeights implements Weighting {
    @Override
    public SDVariable total(SameDiff sd, List<SDVariable> groupLosses, DataType type) {
        SDVariable w = sd.placeHolder(WEIGHTS, type, groupLosses.size());
        SDVariable L = sd.stack(0, groupLosses.toArray(SDVariable[]::new));
        return w.mul(L).max();
    }
}
