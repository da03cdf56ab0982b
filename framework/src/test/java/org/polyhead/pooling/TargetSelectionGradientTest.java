package org.polyhead.pooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.encoder.EncoderInputs;
import org.polyhead.encoder.EncoderOutputs;
import org.polyhead.encoder.WeightInit;
import org.polyhead.graph.FiniteDifferences;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.Linear;
import org.polyhead.heads.SeparateHeads;
import org.polyhead.heads.TargetType;
import org.polyhead.losses.FixedWeights;
import org.polyhead.losses.SoftmaxCrossEntropy;
import org.polyhead.losses.Weighting;
import org.polyhead.model.Batch;
import org.polyhead.model.Designs;
import org.polyhead.model.Fixtures;
import org.polyhead.model.GroupModel;
import org.polyhead.model.ModelSpec;
import org.polyhead.train.OptimConfig;
import org.polyhead.train.Trainer;

/**
 * The target selection (fed weights × hidden states, a batched matmul) in double precision: its gradient matches
 * central finite differences, it reaches only the target's positions, the whole model with each target pooling passes
 * the same check, and a model with it trains.
 */
class TargetSelectionGradientTest {
    private static final List<LabelGroup> BINARY = List.of(new LabelGroup("label", TargetType.SOFTMAX, List.of("0", "1")));
    private static final int B = 3;
    private static final int T = 5;
    private static final int D = 4;

    @ParameterizedTest
    @ValueSource(strings = {TargetSelection.FIRST, TargetSelection.MEAN})
    void selectionGradientMatchesFiniteDifferencesAndReachesOnlyTheTargetPositions(String selection) {
        SameDiff sd = SameDiff.create();
        WeightInit init = new WeightInit(5, DataType.DOUBLE);
        SDVariable h = sd.var("h", Nd4j.rand(DataType.DOUBLE, B, T, D).subi(0.5));
        SDVariable mask = sd.placeHolder(EncoderInputs.MASK, DataType.DOUBLE, -1, -1);
        SDVariable pooled = new TargetPooling(selection).pool(sd, new EncoderOutputs(h), new EncoderInputs(null, mask, null));
        SDVariable z = Linear.apply(sd, "head", pooled, D, 2, init);
        SDVariable y = sd.placeHolder("y", DataType.DOUBLE, -1, 2);
        new SoftmaxCrossEntropy().loss(sd, z, y).rename("loss");
        sd.setLossVariables("loss");
        // sequence b's target covers positions [from[b], to[b]); FIRST weighs only from[b]
        int[] from = {2, 0, 3};
        int[] to = {4, 1, 5};
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(EncoderInputs.MASK, Nd4j.ones(DataType.DOUBLE, B, T));
        feed.put(selection, weights(selection, from, to));
        feed.put("y", Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {0, 1}}));

        double worst = FiniteDifferences.check(sd, feed, "loss", List.of("h", "head.weight", "head.bias"), 60, 1e-6);
        assertTrue(worst < 1e-6, "worst relative error " + worst);

        INDArray dh = sd.calculateGradients(feed, "h").get("h");
        for (int b = 0; b < B; b++) {
            int last = selection.equals(TargetSelection.FIRST) ? from[b] + 1 : to[b];
            for (int t = 0; t < T; t++) {
                double norm = dh.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(t)).norm2Number().doubleValue();
                if (t >= from[b] && t < last) {
                    assertTrue(norm > 0, "target position " + b + "," + t + " gets a gradient");
                } else {
                    assertEquals(0.0, norm, 0.0, "non-target position " + b + "," + t + " gets no gradient");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"target-mean", "target+cls"})
    void wholeModelWithTargetPoolingMatchesFiniteDifferences(String pooling) {
        ModelSpec spec = new ModelSpec(Fixtures.tinyEncoder(), Designs.pooling(pooling, "model.pooling"),
                new SeparateHeads(), BINARY, new FixedWeights());
        GroupModel model = GroupModel.build(spec, 7, DataType.DOUBLE);
        SameDiff sd = model.graph();
        Batch batch = withTargets(Fixtures.batch(B, T, 23, BINARY, 11, DataType.DOUBLE), 3);
        sd.getVariable(EncoderInputs.EMBEDDINGS).setArray(model.tables().lookup(batch.ids(), batch.types()));
        Map<String, INDArray> feed = new HashMap<>();
        batch.targets().forEach((k, v) -> {
            if (sd.hasVariable(k)) {
                feed.put(k, v);
            }
        });
        feed.put(EncoderInputs.MASK, batch.mask());
        feed.putAll(model.dropout().off());
        feed.put(Weighting.WEIGHTS, Nd4j.createFromArray(1.0));
        List<String> vars = new ArrayList<>(model.trainableVariables());
        vars.add(EncoderInputs.EMBEDDINGS);
        double worst = FiniteDifferences.check(sd, feed, GroupModel.LOSS, vars, 3, 1e-4);
        assertTrue(worst < 1e-4, "worst relative error " + worst);
    }

    /** The label is a property of the target token alone, at a random position among random tokens. */
    @Test
    void aModelWithTargetPoolingLearnsALabelCarriedByTheTarget() {
        ModelSpec spec = new ModelSpec(Fixtures.tinyEncoder(), TargetPooling.first(), new SeparateHeads(), BINARY,
                new FixedWeights());
        GroupModel model = GroupModel.build(spec, 3);
        Trainer trainer = new Trainer(model, OptimConfig.adam(0.02, 0, 60), 1);
        Batch batch = labelledByTarget(16, 6, 23, 4);
        double first = 0;
        double last = 0;
        for (int step = 0; step < 60; step++) {
            last = trainer.step(batch, new double[] {1.0}).get(GroupModel.LOSS);
            first = step == 0 ? last : first;
        }
        assertTrue(first > 0.6, "starts near ln 2: " + first);
        assertTrue(last < 0.2, "loss falls from " + first + " to " + last);
    }

    private static INDArray weights(String selection, int[] from, int[] to) {
        INDArray s = Nd4j.zeros(DataType.DOUBLE, from.length, T);
        for (int b = 0; b < from.length; b++) {
            int last = selection.equals(TargetSelection.FIRST) ? from[b] + 1 : to[b];
            for (int t = from[b]; t < last; t++) {
                s.putScalar(b, t, 1.0 / (last - from[b]));
            }
        }
        return s;
    }

    /** Adds both selections to a fixture batch: a span of up to {@code width} real tokens after [CLS] per sequence. */
    static Batch withTargets(Batch batch, long seed) {
        Random rng = new Random(seed);
        int b = batch.size();
        int t = batch.ids()[0].length;
        int[] from = new int[b];
        int[] to = new int[b];
        for (int i = 0; i < b; i++) {
            int len = batch.mask().getRow(i).sumNumber().intValue();
            from[i] = Math.min(1 + rng.nextInt(Math.max(1, len - 1)), len - 1);
            to[i] = Math.min(len, from[i] + 1 + rng.nextInt(2));
        }
        Map<String, INDArray> targets = new HashMap<>(batch.targets());
        DataType type = batch.mask().dataType();
        INDArray first = Nd4j.zeros(type, b, t);
        INDArray mean = Nd4j.zeros(type, b, t);
        for (int i = 0; i < b; i++) {
            first.putScalar(i, from[i], 1.0);
            for (int j = from[i]; j < to[i]; j++) {
                mean.putScalar(i, j, 1.0 / (to[i] - from[i]));
            }
        }
        targets.put(TargetSelection.FIRST, first);
        targets.put(TargetSelection.MEAN, mean);
        return new Batch(batch.ids(), batch.types(), batch.mask(), targets);
    }

    /** b sequences of t random tokens; one random position is the target, labelled 1 iff its id is odd. */
    private static Batch labelledByTarget(int b, int t, int vocab, long seed) {
        Random rng = new Random(seed);
        int[][] ids = new int[b][t];
        INDArray first = Nd4j.zeros(DataType.FLOAT, b, t);
        INDArray y = Nd4j.zeros(DataType.FLOAT, b, 2);
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                ids[i][j] = 1 + rng.nextInt(vocab - 1);
            }
            int target = 1 + rng.nextInt(t - 1);
            first.putScalar(i, target, 1);
            y.putScalar(i, ids[i][target] % 2, 1);
        }
        return new Batch(ids, new int[b][t], Nd4j.ones(DataType.FLOAT, b, t),
                Map.of(TargetSelection.FIRST, first, BINARY.get(0).targetName(), y));
    }
}
