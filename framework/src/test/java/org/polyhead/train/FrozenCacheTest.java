package org.polyhead.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.encoder.EncoderConfig;
import org.polyhead.encoder.EncoderInputs;
import org.polyhead.graph.FiniteDifferences;
import org.polyhead.heads.SeparateHeads;
import org.polyhead.losses.FixedWeights;
import org.polyhead.losses.Weighting;
import org.polyhead.model.Batch;
import org.polyhead.model.Fixtures;
import org.polyhead.model.GroupModel;
import org.polyhead.model.ModelSpec;
import org.polyhead.pooling.MeanPooling;

/**
 * {@code encoder.cache_frozen}: a model cut after its frozen layers and fed their cached output trains exactly as the
 * uncut model that recomputes them (losses, parameters and predictions bit for bit in float64, dropout on above the
 * frozen part), over epochs whose batches group and pad the records differently; and the cut graph's gradients match
 * finite differences.
 */
class FrozenCacheTest {
    private static final double[] W = {0.4, 0.6};
    private static final int RECORDS = 12;
    private static final int FROZEN = 1;

    private static ModelSpec spec() {
        EncoderConfig e = Fixtures.tinyEncoder();
        EncoderConfig enc = new EncoderConfig(e.vocabSize(), e.hidden(), 3, e.heads(), e.intermediate(),
                e.maxPositions(), e.typeVocabSize(), e.layerNormEps(), 0.1);
        return new ModelSpec(enc, new MeanPooling(), new SeparateHeads(), Fixtures.twoGroups(), new FixedWeights());
    }

    /** Records of 2..9 tokens with one-hot targets, as rows of one padded batch to cut from. */
    private static Batch records() {
        return Fixtures.batch(RECORDS, 9, Fixtures.tinyEncoder().vocabSize(), Fixtures.twoGroups(), 4, DataType.DOUBLE);
    }

    /** The records {@code rows} of {@code all} as one batch padded to its own longest record. */
    private static Batch batch(Batch all, List<Integer> rows) {
        int t = rows.stream().mapToInt(r -> (int) all.mask().getRow(r).sumNumber().longValue()).max().orElse(1);
        int[][] ids = new int[rows.size()][t];
        int[][] types = new int[rows.size()][t];
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, rows.size(), t);
        Map<String, INDArray> targets = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(all.ids()[rows.get(i)], 0, ids[i], 0, t);
            for (int j = 0; j < t; j++) {
                mask.putScalar(i, j, all.mask().getDouble(rows.get(i), j));
            }
        }
        int[] idx = rows.stream().mapToInt(Integer::intValue).toArray();
        all.targets().forEach((name, y) -> targets.put(name, y.getRows(idx)));
        return new Batch(ids, types, mask, targets);
    }

    /** Two epochs: halves in order, then a shuffled order in batches of 4 (other neighbours, other padding). */
    private static List<Batch> schedule(Batch all) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            order.add(i);
        }
        List<Batch> out = new ArrayList<>(List.of(batch(all, order.subList(0, 6)), batch(all, order.subList(6, 12))));
        java.util.Collections.shuffle(order, new Random(3));
        for (int from = 0; from < RECORDS; from += 4) {
            out.add(batch(all, order.subList(from, from + 4)));
        }
        return out;
    }

    private static Trainer trainer(int cached) {
        GroupModel model = GroupModel.build(spec(), 7, DataType.DOUBLE, cached);
        OptimConfig optim = new OptimConfig(1e-2, 2, 5, 0.9, 0.999, 1e-8, 0.01);
        return new Trainer(model, optim, new ParameterGroups(3e-2, FROZEN), 5);
    }

    @Test
    void cachedFrozenLayersTrainExactlyAsRecomputingThem() {
        Batch all = records();
        Trainer recompute = trainer(0);
        Trainer cached = trainer(FROZEN);
        assertTrue(cached.parameters().keySet().containsAll(recompute.parameters().keySet()));
        for (Batch b : schedule(all)) {
            Map<String, Double> expected = recompute.step(b, W);
            Map<String, Double> actual = cached.step(b, W);
            for (String k : expected.keySet()) {
                assertEquals(expected.get(k), actual.get(k), 0.0, k);
            }
        }
        recompute.parameters().forEach((name, p) -> assertEquals(0.0,
                p.sub(cached.parameters().get(name)).amaxNumber().doubleValue(), 0.0, name));
        Batch validation = batch(all, List.of(3, 1, 4, 10, 5));
        Map<String, INDArray> a = recompute.predict(validation);
        Map<String, INDArray> b = cached.predict(validation);
        a.forEach((k, v) -> assertEquals(0.0, v.sub(b.get(k)).amaxNumber().doubleValue(), 0.0, k));
    }

    @Test
    void eachRecordIsComputedOnceAndReusedWhateverBatchItLandsIn() {
        Batch all = records();
        GroupModel model = GroupModel.build(spec(), 7, DataType.DOUBLE, FROZEN);
        FrozenCache cache = new FrozenCache(model, new ShapeScopedCache(model.graph()));
        List<Batch> epochs = schedule(all);
        Batch whole = batch(all, List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
        for (Batch b : epochs.subList(0, 2)) {
            cache.rows(b);
        }
        assertEquals(RECORDS, cache.size(), "one entry per record (the fixtures' records are distinct)");
        INDArray first = cache.rows(whole).dup();
        model.graph().getVariable("embeddings.LayerNorm.weight").getArr().muli(3); // not seen by cached records
        for (Batch b : epochs.subList(2, epochs.size())) {
            cache.rows(b);
        }
        assertEquals(RECORDS, cache.size());
        assertEquals(0.0, cache.rows(whole).sub(first).amaxNumber().doubleValue(), 0.0, "served from the cache");
        assertTrue(first.amaxNumber().doubleValue() > 0.1, "real rows, not zeros");
        assertFalse(GroupModel.build(spec(), 7, DataType.DOUBLE).graph().hasVariable(EncoderInputs.FROZEN_INPUT),
                "an uncut model reads no cache");
    }

    @Test
    void theCutGraphMatchesFiniteDifferences() {
        GroupModel model = GroupModel.build(spec(), 7, DataType.DOUBLE, FROZEN);
        Batch b = batch(records(), List.of(0, 5, 7));
        long rows = b.size() * b.mask().size(1);
        Map<String, INDArray> feed = new HashMap<>(b.targets());
        feed.put(EncoderInputs.FROZEN_INPUT, Nd4j.rand(DataType.DOUBLE, rows, spec().encoder().hidden()).subi(0.5));
        feed.put(EncoderInputs.MASK, b.mask());
        feed.putAll(model.dropout().off());
        feed.put(Weighting.WEIGHTS, Nd4j.createFromArray(W));
        ParameterGroups groups = new ParameterGroups(1e-2, FROZEN);
        List<String> trainable = model.trainableVariables().stream().filter(n -> !groups.frozen(n)).toList();
        assertEquals(2 * 16 + 4, trainable.size(), "layers 1 and 2, two heads");
        double worst = FiniteDifferences.check(model.graph(), feed, GroupModel.LOSS, trainable, 6, 1e-4);
        assertTrue(worst < 1e-4, "worst relative error " + worst);
    }
}
