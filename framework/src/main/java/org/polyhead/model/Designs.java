package org.polyhead.model;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.polyhead.DidYouMean;
import org.polyhead.UserError;
import org.polyhead.heads.GroupHeads;
import org.polyhead.heads.JointSoftmaxHeads;
import org.polyhead.hierarchy.ConditionedEmbeddingHeads;
import org.polyhead.hierarchy.ConditionedSoftHeads;
import org.polyhead.hierarchy.ConditionedTeacherHeads;
import org.polyhead.hierarchy.FlatHeads;
import org.polyhead.hierarchy.MaskedHeads;
import org.polyhead.heads.SeparateHeads;
import org.polyhead.heads.SeparateMlpHeads;
import org.polyhead.heads.SplitHeads;
import org.polyhead.losses.ChebyshevWeights;
import org.polyhead.losses.FixedWeights;
import org.polyhead.losses.UncertaintyWeights;
import org.polyhead.losses.Weighting;
import org.polyhead.pooling.ClsPooling;
import org.polyhead.pooling.ConcatPooling;
import org.polyhead.pooling.MeanPooling;
import org.polyhead.pooling.Pooling;
import org.polyhead.pooling.TargetPooling;

/**
 * The names by which specs select head designs, poolings and weightings ({@code model.heads: split}). A new design is a
 * new class plus one line here.
 */
public final class Designs {
    private static final Map<String, Supplier<GroupHeads>> HEADS = new TreeMap<>(Map.ofEntries(
            Map.entry("split", SplitHeads::new),
            Map.entry("separate", SeparateHeads::new),
            Map.entry("separate-mlp", SeparateMlpHeads::new),
            Map.entry("joint-softmax", JointSoftmaxHeads::new),
            Map.entry("flat", FlatHeads::new),
            Map.entry("conditioned-soft", ConditionedSoftHeads::new),
            Map.entry("conditioned-embedding", ConditionedEmbeddingHeads::new),
            Map.entry("conditioned-teacher", ConditionedTeacherHeads::new),
            Map.entry("masked", MaskedHeads::new)));
    private static final Map<String, Supplier<Pooling>> POOLINGS = new TreeMap<>(Map.ofEntries(
            Map.entry("cls", ClsPooling::new),
            Map.entry("mean", MeanPooling::new),
            Map.entry("target", TargetPooling::first),
            Map.entry("target-mean", TargetPooling::mean),
            Map.entry("target+cls", () -> new ConcatPooling(TargetPooling.first(), new ClsPooling()))));
    private static final Map<String, Supplier<Weighting>> WEIGHTINGS = new TreeMap<>(Map.ofEntries(
            Map.entry("fixed", FixedWeights::new),
            Map.entry("uncertainty", UncertaintyWeights::new),
            Map.entry("chebyshev", ChebyshevWeights::new)));

    private Designs() {}

    public static GroupHeads heads(String name, String key) {
        return pick(HEADS, name, key).get();
    }

    public static Pooling pooling(String name, String key) {
        return pick(POOLINGS, name, key).get();
    }

    public static Weighting weighting(String name, String key) {
        return pick(WEIGHTINGS, name, key).get();
    }

    private static <T> T pick(Map<String, T> known, String name, String key) {
        T t = known.get(name);
        if (t == null) {
            throw new UserError(key + ": unknown design '" + name + "'" + DidYouMean.hint(name, known.keySet())
                    + " (expected one of " + known.keySet() + ")");
        }
        return t;
    }
}
