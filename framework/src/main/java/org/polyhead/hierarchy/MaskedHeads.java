package org.polyhead.hierarchy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.encoder.WeightInit;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.Linear;
import org.polyhead.losses.Stable;

/**
 * {@code masked}: level k's logits are a softmax over the children of the parent only, so the model is a chain of
 * conditionals p(c_k | c_{k−1}) and each level's output is the log joint probability of the path prefix:
 * log p_k(c) = log p_{k−1}(parent(c)) + z_c − log Σ_{siblings s of c} exp z_s. Cross-entropy on it is the summed
 * masked cross-entropy of the true path's levels; the last level is the joint probability of each full path, decoded
 * by {@link LeafPathDecoder}. Built in log space with a per-parent max, so no level underflows to −∞.
 */
public final class MaskedHeads implements HierarchyHeads {
    /** Added to non-children before the per-parent max; finite, so 0·mask never makes NaN. */
    private static final double OUTSIDE = -1e9;
    private final Taxonomy taxonomy;

    public MaskedHeads() {
        this(null);
    }

    private MaskedHeads(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    @Override
    public HierarchyHeads bind(Taxonomy taxonomy) {
        return new MaskedHeads(taxonomy);
    }

    @Override
    public PathDecoder decoder(Taxonomy taxonomy) {
        return new LeafPathDecoder(taxonomy);
    }

    @Override
    public Map<String, SDVariable> outputs(SameDiff sd, SDVariable h, int width, List<LabelGroup> groups,
                                           WeightInit init) {
        Taxonomy t = HierarchyHeads.require(taxonomy, "masked");
        Map<String, SDVariable> out = new LinkedHashMap<>();
        SDVariable logPrefix = null;
        for (int k = 0; k < groups.size(); k++) {
            LabelGroup g = groups.get(k);
            SDVariable z = Linear.apply(sd, "head." + g.name(), h, width, g.width(), init);
            if (k == 0) {
                logPrefix = Stable.logSoftmax(sd, z);
            } else {
                SDVariable M = sd.constant("head." + g.name() + ".children",
                        Nd4j.createFromArray(t.childMatrix(k)).castTo(h.dataType()));
                logPrefix = logPrefix.mmul(M).add(z).sub(siblingLogSumExp(sd, z, M, t.childMatrix(k), h.dataType()));
            }
            out.put(g.name(), logPrefix.rename("head." + g.name() + ".log_joint"));
        }
        return out;
    }

    /** [B, C]: for each class, log Σ exp over its siblings' logits, shifted by the siblings' max. */
    private static SDVariable siblingLogSumExp(SameDiff sd, SDVariable z, SDVariable M, double[][] children,
                                               DataType type) {
        int parents = children.length;
        int classes = children[0].length;
        double[][] outside = new double[parents][classes];
        for (int p = 0; p < parents; p++) {
            for (int c = 0; c < classes; c++) {
                outside[p][c] = children[p][c] > 0 ? 0 : OUTSIDE;
            }
        }
        SDVariable mask = sd.constant(Nd4j.createFromArray(outside).castTo(type));
        SDVariable perParentMax = sd.reshape(z, -1, 1, classes).add(mask).max(2);        // [B, P]
        SDVariable shifted = z.sub(perParentMax.mmul(M));                                 // ≤ 0, the max sibling at 0
        SDVariable Mt = sd.constant(Nd4j.createFromArray(children).castTo(type).transpose().dup());
        SDVariable perParentSum = sd.math().exp(shifted).mmul(Mt);                        // [B, P], each ≥ 1
        return perParentMax.add(sd.math().log(perParentSum)).mmul(M);
    }
}
