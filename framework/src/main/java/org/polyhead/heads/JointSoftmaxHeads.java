package org.polyhead.heads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.polyhead.encoder.WeightInit;
import org.polyhead.losses.GroupLoss;
import org.polyhead.losses.GroupLosses;
import org.polyhead.losses.Stable;

/**
 * {@code joint-softmax}: ONE softmax over the union of all single-label groups' classes (e.g. 4 + 3 = 7 outputs), each
 * group's prediction being its slice of that softmax and its loss −log of its true class's joint probability. Kept as
 * the known-wrong baseline. It is wrong because a softmax says "exactly one of these Σ|C_k| classes", while every
 * example carries one class in EACH group: the groups compete for one unit of probability mass, so a confident group
 * drains the others (changing a group-1 logit changes group-2 probabilities), the slices do not sum to 1, and the sum
 * of the K per-group losses cannot go below K·log K (the K true classes can at best get 1/K each). Use {@code split} or
 * {@code separate} for real work. Multi-label and regression groups are outside the union: they get their own linear
 * output and their type's loss.
 */
public final class JointSoftmaxHeads implements GroupHeads {
    @Override
    public Map<String, SDVariable> outputs(SameDiff sd, SDVariable features, int featureWidth, List<LabelGroup> groups,
                                           WeightInit init) {
        int union = groups.stream().filter(JointSoftmaxHeads::inUnion).mapToInt(LabelGroup::width).sum();
        SDVariable logp = union == 0 ? null
                : Stable.logSoftmax(sd, Linear.apply(sd, "head.joint", features, featureWidth, union, init));
        Map<String, SDVariable> out = new LinkedHashMap<>();
        int from = 0;
        for (LabelGroup g : groups) {
            if (inUnion(g)) {
                out.put(g.name(), logp.get(SDIndex.all(), SDIndex.interval(from, from + g.width())));
                from += g.width();
            } else {
                out.put(g.name(), Linear.apply(sd, "head." + g.name(), features, featureWidth, g.width(), init));
            }
        }
        return out;
    }

    @Override
    public GroupLoss loss(LabelGroup g) {
        return inUnion(g) ? new JointSlice() : GroupLosses.of(g);
    }

    private static boolean inUnion(LabelGroup g) {
        return g.type() == TargetType.SOFTMAX;
    }

    /** A group's slice of the joint log-softmax: loss −mean_b Σ_c y·log p, prediction the (unrenormalised) slice p. */
    private static final class JointSlice implements GroupLoss {
        @Override
        public SDVariable loss(SameDiff sd, SDVariable logp, SDVariable y) {
            return logp.mul(y).sum(1).mean().neg();
        }

        @Override
        public SDVariable prediction(SameDiff sd, SDVariable logp) {
            return sd.math().exp(logp);
        }
    }
}
