package org.polyhead.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.polyhead.encoder.EncoderConfig;
import org.polyhead.eval.Predictions;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.SeparateHeads;
import org.polyhead.losses.FixedWeights;
import org.polyhead.model.Batch;
import org.polyhead.model.Fixtures;
import org.polyhead.model.GroupModel;
import org.polyhead.model.ModelSpec;
import org.polyhead.pooling.MeanPooling;
import org.polyhead.train.OptimConfig;
import org.polyhead.train.Trainer;

/**
 * Evaluation cuts its batches from rows sorted by length and gives the outputs back in record order, as the passes in
 * record order did, for fewer padded tokens; training's {@code group_by_length} batches are seeded and hold every row
 * once, and without it an epoch's batches are those of the plain shuffle.
 */
class LengthSortedBatchesTest {
    private static final String ROW = "row";
    private static final double[] WEIGHTS = {0.5, 0.5};

    /** {@code n} rows of 2 to 16 tokens, with one-hot targets of {@link Fixtures#twoGroups} and each row's index. */
    private static TextBatches rows(int n, long seed) {
        return rows(n, seed, 16);
    }

    /** n rows of 2 to {@code longest} tokens, ids 1-22, with a row-number target and random one-hot groups. */
    private static TextBatches rows(int n, long seed, int longest) {
        Random rng = new Random(seed);
        int[][] ids = new int[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = new int[2 + rng.nextInt(longest - 1)];
            for (int j = 0; j < ids[i].length; j++) {
                ids[i][j] = 1 + rng.nextInt(22);
            }
        }
        Map<String, INDArray> targets = new LinkedHashMap<>();
        for (LabelGroup g : Fixtures.twoGroups()) {
            INDArray y = Nd4j.zeros(DataType.FLOAT, n, g.width());
            for (int i = 0; i < n; i++) {
                y.putScalar(i, rng.nextInt(g.width()), 1.0);
            }
            targets.put(g.targetName(), y);
        }
        targets.put(ROW, Nd4j.arange(n).castTo(DataType.FLOAT).reshape(n, 1));
        return new TextBatches(ids, targets);
    }

    private static Trainer trainer() {
        EncoderConfig e = Fixtures.tinyEncoder();
        EncoderConfig enc = new EncoderConfig(e.vocabSize(), e.hidden(), e.layers(), e.heads(), e.intermediate(),
                e.maxPositions(), e.typeVocabSize(), e.layerNormEps(), 0.0);
        ModelSpec spec = new ModelSpec(enc, new MeanPooling(), new SeparateHeads(), Fixtures.twoGroups(),
                new FixedWeights());
        return new Trainer(GroupModel.build(spec, 7), OptimConfig.adam(1e-2, 0, 0), 5);
    }

    /** What {@link Predictor#predictions} computed before sorting: batches cut in record order. */
    private static Map<String, INDArray> inRecordOrder(Trainer trainer, TextBatches data, int bs) {
        List<String> names = new ArrayList<>();
        Fixtures.twoGroups().forEach(g -> names.add(g.predictionName()));
        Map<String, List<INDArray>> parts = new LinkedHashMap<>();
        for (Batch b : data.inOrder(bs)) {
            trainer.outputs(b, WEIGHTS, names).forEach((n, v) -> parts.computeIfAbsent(n, k -> new ArrayList<>())
                    .add(v));
        }
        Map<String, INDArray> all = new LinkedHashMap<>();
        parts.forEach((n, list) -> all.put(n, Nd4j.concat(0, list.toArray(INDArray[]::new))));
        return all;
    }

    private static double lossSum(Trainer trainer, List<Batch> batches, LabelGroup g) {
        double sum = 0;
        for (Batch b : batches) {
            sum += trainer.outputs(b, WEIGHTS, List.of(g.lossName())).get(g.lossName()).getDouble(0) * b.size();
        }
        return sum;
    }

    @Test
    void sortedPredictionsEqualThoseInRecordOrderRowForRow() {
        TextBatches data = rows(45, 3);
        Trainer trainer = trainer();
        Map<String, INDArray> before = inRecordOrder(trainer, data, 8);
        Predictions sorted = Predictor.predictions(trainer, Fixtures.twoGroups(), data, WEIGHTS, 8);
        for (LabelGroup g : Fixtures.twoGroups()) {
            INDArray a = before.get(g.predictionName());
            INDArray b = sorted.of(g);
            assertArrayEquals(a.shape(), b.shape());
            assertTrue(a.sub(b).amaxNumber().doubleValue() <= 1e-5, g.name() + ": " + a.sub(b).amaxNumber());
            assertEquals(lossSum(trainer, data.inOrder(8), g), sorted.losses(g).sumNumber().doubleValue(), 1e-4,
                    "a group's loss is a sum over rows, whichever batches they ran in");
        }
    }

    /**
     * A batch is as long as its longest row rounded up to the pad multiple, never past the split's longest row;
     * per-token rows are cut to it.
     */
    @Test
    void batchLengthIsTheLongestRowRoundedUpToThePadMultiple() {
        int[][] ids = {new int[3], new int[9], new int[1], new int[20]};
        INDArray perToken = Nd4j.zeros(DataType.FLOAT, 4, 20);
        perToken.putScalar(1, 8, 9f);
        perToken.putScalar(3, 19, 7f);
        TextBatches data = new TextBatches(ids, Map.of(), Map.of("sel", perToken));
        Batch first = data.inOrder(3).get(0);
        assertEquals(16, first.mask().size(1), "9 tokens round up to 16");
        assertEquals(9.0, first.mask().getRow(1).sumNumber().doubleValue(), "the mask covers real tokens only");
        assertArrayEquals(new long[] {3, 16}, first.targets().get("sel").shape());
        assertEquals(9f, first.targets().get("sel").getFloat(1, 8));
        assertEquals(8, data.batches(List.of(0, 2), 2).get(0).mask().size(1), "3 tokens round up to 8");
        Batch longest = data.batches(List.of(3), 1).get(0);
        assertEquals(20, longest.mask().size(1), "never past the split's longest row, which fits the model's positions");
        assertEquals(7f, longest.targets().get("sel").getFloat(0, 19));
    }

    @Test
    void outputsComeBackInRecordOrder() {
        TextBatches data = rows(45, 4);
        Map<String, INDArray> out = Predictor.outputs(data, 8, b -> Map.of(
                ROW, b.targets().get(ROW), "length", b.mask().sum(1).reshape(b.size(), 1),
                "batch", Nd4j.scalar((float) b.size()).reshape(1)), Set.of("batch"));
        for (int r = 0; r < data.size(); r++) {
            assertEquals(r, out.get(ROW).getDouble(r, 0));
            assertEquals(data.ids()[r].length, out.get("length").getDouble(r, 0));
        }
        assertEquals(6, out.get("batch").length(), "one value per batch, not reordered");
    }

    @Test
    void sortedBatchesFeedFewerPaddedTokens() {
        TextBatches data = rows(200, 5, 64);
        List<Integer> order = data.byLength();
        long real = IntStream.range(0, data.size()).mapToLong(r -> data.ids()[r].length).sum();
        long inOrder = TextBatches.fedTokens(data.inOrder(16));
        long sorted = TextBatches.fedTokens(data.batches(order, 16));
        assertTrue(sorted < 0.75 * inOrder, "sorted " + sorted + " vs in order " + inOrder);
        assertTrue(sorted - real < 0.1 * real + (TextBatches.PAD_MULTIPLE - 1) * data.size(),
                "little padding left beyond the rounding to a multiple of " + TextBatches.PAD_MULTIPLE + ": "
                        + sorted + " fed for " + real + " tokens");
        for (int k = 1; k < order.size(); k++) {
            int a = data.ids()[order.get(k - 1)].length;
            int b = data.ids()[order.get(k)].length;
            assertTrue(a < b || a == b && order.get(k - 1) < order.get(k), "stable sort by length");
        }
    }

    private static List<List<Integer>> rowsOf(List<Batch> batches) {
        List<List<Integer>> out = new ArrayList<>();
        for (Batch b : batches) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < b.size(); i++) {
                rows.add((int) b.targets().get(ROW).getDouble(i, 0));
            }
            out.add(rows);
        }
        return out;
    }

    @Test
    void lengthGroupedBatchesAreSeededAndHoldEveryRowOnce() {
        TextBatches data = rows(203, 6, 64);
        List<List<Integer>> a = rowsOf(data.lengthGrouped(8, 11, 4));
        assertEquals(a, rowsOf(data.lengthGrouped(8, 11, 4)), "same seed, same batches");
        assertNotEquals(a, rowsOf(data.lengthGrouped(8, 12, 4)), "another epoch's seed, other batches");
        List<Integer> seen = new ArrayList<>();
        a.forEach(seen::addAll);
        Collections.sort(seen);
        assertEquals(IntStream.range(0, 203).boxed().toList(), seen, "every row exactly once");
        assertEquals(data.shuffled(8, 11).size(), a.size(), "as many steps as the plain shuffle");
        assertTrue(TextBatches.fedTokens(data.lengthGrouped(8, 11, 4)) < 0.8 * TextBatches.fedTokens(
                data.shuffled(8, 11)), "grouped batches pad less");
    }

    @Test
    void withoutGroupingAnEpochsBatchesAreThePlainShuffleOfAllRows() {
        TextBatches data = rows(50, 7);
        List<Integer> order = new ArrayList<>(IntStream.range(0, 50).boxed().toList());
        Collections.shuffle(order, new Random(21));
        List<List<Integer>> expected = new ArrayList<>();
        for (int from = 0; from < 50; from += 8) {
            expected.add(order.subList(from, Math.min(50, from + 8)));
        }
        assertEquals(expected, rowsOf(data.shuffled(8, 21)));
    }
}
