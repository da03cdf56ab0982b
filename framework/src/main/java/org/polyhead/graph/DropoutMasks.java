package org.polyhead.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dropout as a fed mask per site: x·m with m ~ Bernoulli(keep)/keep drawn in Java from a seeded generator. SameDiff
 * 1.0.0-M2.1's dropout ops have no derivative, and its in-graph random ops ignore the seeded generator during
 * gradient execution (measured: the same seed gave different first-step losses), so a run would not be reproducible.
 * At inference every site gets a broadcasting 1. A model configured without dropout has no sites at all: {@link #apply}
 * returns x, so its graph carries no mask products, whose backprop against a broadcasting 1 is slow in M2.1 (small
 * bench shape at rate 0, three alternating runs: 932-1121 ms per step with masks of ones, 780-866 ms without).
 */
public final class DropoutMasks {
    /** Where a site sits: on hidden-state rows [B·T, d] or on attention probabilities [B, H, T, T]. */
    public enum Kind { HIDDEN, ATTENTION }

    /** A mask placeholder; {@code owner} names the block it belongs to (e.g. {@code encoder.layer.0}). */
    private record Site(String name, Kind kind, String owner) {}

    private final List<Site> sites = new ArrayList<>();
    private final DataType type;
    private final int hidden;
    private final int heads;
    private final boolean enabled;

    /** Sites for a model whose dropout rate is {@code rate}; none when it is 0. */
    public DropoutMasks(DataType type, int hidden, int heads, double rate) {
        this.type = type;
        this.hidden = hidden;
        this.heads = heads;
        this.enabled = rate > 0;
    }

    /** x·m for a new site's mask placeholder, or x itself in a model without dropout. */
    public SDVariable apply(SameDiff sd, SDVariable x, Kind kind) {
        return apply(sd, x, kind, "");
    }

    /** As {@link #apply(SameDiff, SDVariable, Kind)}, for a site inside the block named {@code owner}. */
    public SDVariable apply(SameDiff sd, SDVariable x, Kind kind, String owner) {
        if (!enabled) {
            return x;
        }
        String name = "dropout.mask." + sites.size();
        sites.add(new Site(name, kind, owner));
        int rank = kind == Kind.HIDDEN ? 2 : 4;
        long[] shape = new long[rank];
        java.util.Arrays.fill(shape, -1);
        return x.mul(sd.placeHolder(name, type, shape));
    }

    /** Inference feeds: a broadcasting 1 per site. */
    public Map<String, INDArray> off() {
        Map<String, INDArray> feed = new LinkedHashMap<>();
        for (Site s : sites) {
            feed.put(s.name(), Nd4j.ones(type, s.kind() == Kind.HIDDEN ? new long[] {1, 1} : new long[] {1, 1, 1, 1}));
        }
        return feed;
    }

    /** Training feeds for a batch of b sequences of length t: Bernoulli(keep)/keep per element, from {@code rng}. */
    public Map<String, INDArray> sample(long b, long t, double keep, Random rng) {
        return sample(b, t, keep, rng, owner -> false);
    }

    /**
     * Training feeds as {@link #sample(long, long, double, Random)}, except that sites whose owner {@code frozen}
     * accepts (a frozen part of the model) get the inference 1 and draw nothing from {@code rng}.
     */
    public Map<String, INDArray> sample(long b, long t, double keep, Random rng, Predicate<String> frozen) {
        if (keep >= 1.0) {
            return off();
        }
        Map<String, INDArray> ones = off();
        Map<String, INDArray> feed = new LinkedHashMap<>();
        for (Site s : sites) {
            if (frozen.test(s.owner())) {
                feed.put(s.name(), ones.get(s.name()));
                continue;
            }
            long[] shape = s.kind() == Kind.HIDDEN ? new long[] {b * t, hidden} : new long[] {b, heads, t, t};
            INDArray m = Nd4j.createUninitialized(type, shape);
            Nd4j.getExecutioner().exec(new BernoulliDistribution(m, keep), rng);
            feed.put(s.name(), m.divi(keep));
        }
        return feed;
    }
}
