package org.polyhead.losses;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.polyhead.heads.TargetScale;

/**
 * A regression loss on standardised targets: targets are fed in original units and standardised in the graph, and the
 * prediction is mapped back, so everything outside the graph (metrics, saved-model predictions) stays in original
 * units. The group's loss (and val_loss) is in standardised units.
 */
public final class ScaledTargets implements GroupLoss {
    private final GroupLoss inner;
    private final TargetScale scale;

    public ScaledTargets(GroupLoss inner, TargetScale scale) {
        this.inner = inner;
        this.scale = scale;
    }

    @Override
    public SDVariable loss(SameDiff sd, SDVariable z, SDVariable y) {
        return inner.loss(sd, z, y.sub(scale.mean()).div(scale.std()));
    }

    @Override
    public SDVariable prediction(SameDiff sd, SDVariable z) {
        return inner.prediction(sd, z).mul(scale.std()).add(scale.mean());
    }
}
