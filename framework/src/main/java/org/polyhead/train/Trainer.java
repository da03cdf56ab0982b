package org.polyhead.train;

import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.encoder.EncoderInputs;
import org.polyhead.graph.Phase;
import org.polyhead.graph.QuietStdout;
import org.polyhead.heads.LabelGroup;
import org.polyhead.losses.Weighting;
import org.polyhead.model.Batch;
import org.polyhead.model.GroupModel;

/**
 * Forward, backward and Adam update for a {@link GroupModel}, one batch at a time. The embedding lookup happens here,
 * outside the graph; its gradient comes back as the gradient of the fed-in embedding sum. Predictions and validation
 * losses run on the model's inference graph ({@link GroupModel#inference}), built on the first such call: no dropout
 * sites (each was a multiply by a fed 1, 19 per MiniLM forward) and no backprop bookkeeping, its parameter variables
 * holding the training graph's arrays. Knows nothing of tracking: callers log what {@link #step} returns.
 */
public final class Trainer {
    private final GroupModel model;
    private final SameDiff sd;
    private GroupModel inference; // built on the first prediction
    private final Adam adam;
    private final ParameterGroups groups;
    private final FrozenCache frozenCache; // null unless the model takes its frozen part's output from a cache
    private final double dropout;
    private final List<String> outputs = new ArrayList<>();
    private final List<String> gradVars = new ArrayList<>();
    private final Map<String, String> gradNames = new LinkedHashMap<>();
    private SameDiff gradFn;
    private ShapeScopedCache gradCache;
    private ShapeScopedCache inferenceCache; // with the inference graph
    private final ShapeScopedCache frozenOutputCache; // the training graph's, which computes the frozen layers' cache
    private static final long GC_GROWTH = 256L << 20;
    private static final long TRIM_GROWTH = 1024L << 20;
    private long inUseAfterGc;
    private long residentAfterTrim;
    private final Random masks;
    private final long seed;

    public Trainer(GroupModel model, OptimConfig optim, long seed) {
        this(model, optim, ParameterGroups.uniform(optim), seed);
    }

    /** A trainer whose learning rates, weight decay and frozen part follow {@code groups}. */
    public Trainer(GroupModel model, OptimConfig optim, ParameterGroups groups, long seed) {
        this.model = model;
        this.masks = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        this.seed = seed;
        this.sd = model.graph();
        this.adam = new Adam(optim, groups);
        this.groups = groups;
        Preconditions.checkArgument(model.cachedLayers() <= groups.freezeLayers(),
                "only frozen layers can be cached: %s cached, %s frozen", model.cachedLayers(), groups.freezeLayers());
        this.frozenOutputCache = new ShapeScopedCache(sd);
        this.frozenCache = model.cachedLayers() > 0 ? new FrozenCache(model, frozenOutputCache) : null;
        this.dropout = model.spec().encoder().dropout();
        outputs.add(GroupModel.LOSS);
        outputs.addAll(model.groupLossNames().values());
        gradVars.addAll(model.trainableVariables());
        gradVars.add(EncoderInputs.EMBEDDINGS);
        gradVars.removeIf(groups::frozen); // the session then runs no backward op below the lowest trainable layer
    }

    /** One training step with per-group loss weights w; returns {@code loss} and {@code loss.<group>} before the update. */
    public Map<String, Double> step(Batch batch, double[] weights) {
        releaseDeadArrays();
        masks.setSeed(maskSeed(seed, adam.step()));
        Map<String, INDArray> feed = feed(batch, 1.0 - dropout, true);
        feed.put(Weighting.WEIGHTS, Nd4j.createFromArray(toFloat(weights)).castTo(batch.mask().dataType()));
        Gradients g = gradients(batch, feed);
        adam.update(parameters(), g.byParameter());
        return g.losses();
    }

    /**
     * The seed of the dropout masks of the update after {@code step} updates: a function of the trainer's seed and the
     * step alone, so a trainer restored from a checkpoint (which keeps Adam's step) draws the masks the uninterrupted
     * one drew, and a resumed trial continues bit for bit. One generator running from the start drew step 1's masks
     * again after a resume. The odd multiplier (2^64/φ) keeps neighbouring seeds' streams apart.
     */
    static long maskSeed(long seed, long step) {
        return seed * 0x9E3779B97F4A7C15L + step;
    }

    /** Losses by output name, and dL/dθ for every trainable array (graph variables and embedding tables) by name. */
    record Gradients(Map<String, Double> losses, Map<String, INDArray> byParameter) {}

    /** Forward and backward for one fed batch, no update. */
    Gradients gradients(Batch batch, Map<String, INDArray> feed) {
        Map<String, INDArray> values = backward(feed, batch.mask().shape());
        Map<String, INDArray> grads = new HashMap<>();
        gradNames.forEach((variable, gradient) -> grads.put(variable, values.get(gradient)));
        INDArray dEmb = grads.remove(EncoderInputs.EMBEDDINGS);
        if (dEmb != null) { // null when the embeddings are frozen
            grads.putAll(model.tables().backward(batch.ids(), batch.types(), dEmb));
        }
        Map<String, Double> losses = new LinkedHashMap<>();
        outputs.forEach(k -> losses.put(k, values.get(k).getDouble(0)));
        return new Gradients(losses, grads);
    }

    /**
     * The step's outputs (the losses) and the gradient of every variable in {@link #gradVars}, by gradient-variable
     * name, from SameDiff's gradient function run with its session array cache on. {@code calculateGradientsAndOutputs}
     * turns that cache off for the gradient function (SameDiff 1.0.0-M2.1: {@code gradFn.setEnableCache(false)}), so
     * every intermediate of every step was a fresh native allocation (zeroed pages, ~40% of native time in the profile)
     * that lived until a GC collected its Java handle. With the cache on, an intermediate goes back to the session's
     * cache once its last consumer has run and the next op or step of the same shape reuses it. Requested outputs are
     * never released by the session.
     */
    private Map<String, INDArray> backward(Map<String, INDArray> feed, long[] shape) {
        if (gradFn == null) {
            QuietStdout.call(() -> {
                sd.createGradFunction();
                return null;
            });
            gradFn = sd.getFunction("grad");
            for (String v : gradVars) {
                SDVariable g = sd.getVariable(v).getGradient();
                if (g != null) { // a variable the losses do not depend on has no gradient
                    gradNames.put(v, g.name());
                }
            }
            gradCache = new ShapeScopedCache(gradFn);
        }
        gradCache.enter(shape);
        gradFn.setEnableCache(true); // per call: SameDiff's own calculateGradients on this graph turns it off again
        List<String> names = new ArrayList<>(outputs);
        names.addAll(gradNames.values());
        return gradFn.output(feed, names.toArray(String[]::new));
    }

    /**
     * A GC before a step once the C heap's bytes in use ({@link NativeHeap#inUse}) have grown by {@link #GC_GROWTH}
     * since the last one: ND4J frees an array's native memory only when GC collects its Java handle, and a step leaves
     * dead native arrays (the returned gradients, the table gradients, dropout masks) but little Java garbage, so
     * without it they pile up until a GC happens to run. Measured on a MiniLM encoder at batch 4 × 128
     * (reports/bench/optimisations.md): 8.0 GB after 6 steps and growing → a 3.1 GB plateau with a GC every step. A GC
     * every step also cost small models more than their step (quickstart's 1-epoch trial: 64 s with it, 50 s with a
     * threshold), so it runs only when a step's leftovers are worth it.
     * <p>
     * The growth is read from the heap, not from the resident set: glibc keeps freed pages resident and serves the
     * next arrays from them, so after a GC the resident set grew again only once the dead arrays had filled the freed
     * space and 256 MB more. Each GC therefore found more garbage than the last and the free space ratcheted up
     * (MiniLM at batch 32 × 32: 0.5, 1.0, 1.4, 1.9 GB free after successive GCs, the resident set 2.2 → 3.7 GB over 40
     * steps with 1.2 GB in use; reports/bench/optimisations.md, "A trial's memory"). After the GC it waits for ND4J's
     * deallocator threads, which free what the GC found after {@code System.gc()} returns, so that the next reading
     * starts from the freed heap. Should the resident set still climb {@link #TRIM_GROWTH} above its level after the
     * last trim (fragmentation, arrays of many sizes), {@code malloc_trim} hands the free pages back; a lower
     * threshold (512 MB) trimmed often enough to cost ~10% of a step in pages faulted in again (MiniLM, varying
     * lengths: 65k vs 11k minor faults a step), for a peak 0.1 GB lower.
     */
    private void releaseDeadArrays() {
        if (NativeHeap.inUse() - inUseAfterGc > GC_GROWTH) {
            System.gc();
            awaitDeallocation();
            inUseAfterGc = NativeHeap.inUse();
            if (Pointer.physicalBytes() - residentAfterTrim > TRIM_GROWTH) {
                NativeHeap.trim();
                residentAfterTrim = Pointer.physicalBytes();
            }
        }
    }

    /** Waits until the heap's bytes in use stop falling (less than 1 MB in 10 ms), at most one second. */
    private static void awaitDeallocation() {
        long last = NativeHeap.inUse();
        for (int i = 0; i < 100; i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = NativeHeap.inUse();
            if (now > last - (1L << 20)) {
                return;
            }
            last = now;
        }
    }

    /** Predictions {@code pred.<group>} [B, width] with dropout off. */
    public Map<String, INDArray> predict(Batch batch) {
        List<String> names = model.groups().stream().map(LabelGroup::predictionName).toList();
        GroupModel m = inferenceModel();
        Map<String, INDArray> feed = feed(m, batch, Map.of(), false);
        inferenceCache.enter(batch.mask().shape());
        return m.graph().output(feed, names.toArray(String[]::new));
    }

    /** Any graph outputs (e.g. {@code pred.<group>} and {@code loss.<group>}) for a batch, with dropout off. */
    public Map<String, INDArray> outputs(Batch batch, double[] weights, List<String> names) {
        GroupModel m = inferenceModel();
        Map<String, INDArray> feed = feed(m, batch, Map.of(), false);
        feed.put(Weighting.WEIGHTS, Nd4j.createFromArray(toFloat(weights)).castTo(batch.mask().dataType()));
        inferenceCache.enter(batch.mask().shape());
        return m.graph().output(feed, names.toArray(String[]::new));
    }

    /**
     * The inference graph, built on the first call; it reads its parameters from the training graph. Its session
     * cache is scoped to one batch shape as the gradient function's is.
     */
    private GroupModel inferenceModel() {
        if (inference == null) {
            inference = model.inference();
            inferenceCache = new ShapeScopedCache(inference.graph());
        }
        return inference;
    }

    public Adam optimizer() {
        return adam;
    }

    /** Every trainable array by name: graph variables and embedding tables. */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> p = new LinkedHashMap<>();
        for (String name : model.trainableVariables()) {
            p.put(name, sd.getVariable(name).getArr());
        }
        p.putAll(model.tables().tables());
        return p;
    }

    /** Every placeholder of the training graph for a batch, dropout masks drawn when {@code keep} < 1. */
    Map<String, INDArray> feed(Batch batch, double keep, boolean training) {
        Map<String, INDArray> dropoutMasks = keep < 1.0
                ? model.dropout().sample(batch.size(), batch.mask().size(1), keep, masks, groups::frozen)
                : model.dropout().off();
        return feed(model, batch, dropoutMasks, training);
    }

    /**
     * Every placeholder of {@code m}'s graph for a batch, with the given dropout masks; sets the embedding sum, or
     * feeds the frozen part's cached output to a model built to take it.
     */
    Map<String, INDArray> feed(GroupModel m, Batch batch, Map<String, INDArray> dropoutMasks, boolean training) {
        SameDiff graph = m.graph();
        Map<String, INDArray> feed = new HashMap<>();
        if (frozenCache != null) {
            feed.put(EncoderInputs.FROZEN_INPUT, frozenCache.rows(batch));
        } else {
            graph.getVariable(EncoderInputs.EMBEDDINGS).setArray(m.tables().lookup(batch.ids(), batch.types()));
        }
        // a batch may carry arrays for other designs (e.g. target selections for a cls model): feed what the graph has
        batch.targets().forEach((name, array) -> {
            if (graph.hasVariable(name)) {
                feed.put(name, array);
            }
        });
        feed.put(EncoderInputs.MASK, batch.mask());
        feed.putAll(dropoutMasks);
        if (!feed.containsKey(Weighting.WEIGHTS)) {
            feed.put(Weighting.WEIGHTS, Nd4j.ones(m.groups().size()).castTo(batch.mask().dataType()));
        }
        if (graph.hasVariable(Phase.TRAINING)) {
            feed.put(Phase.TRAINING, Phase.value(training, batch.mask().dataType()));
        }
        return feed;
    }

    private static float[] toFloat(double[] w) {
        float[] f = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            f[i] = (float) w[i];
        }
        return f;
    }
}
