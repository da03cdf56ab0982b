package org.polyhead.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.encoder.EmbeddingTables;
import org.polyhead.encoder.EncoderConfig;
import org.polyhead.heads.SeparateHeads;
import org.polyhead.losses.FixedWeights;
import org.polyhead.model.Batch;
import org.polyhead.model.Fixtures;
import org.polyhead.model.GroupModel;
import org.polyhead.model.ModelSpec;
import org.polyhead.pooling.MeanPooling;

/**
 * The fine-tuning recipe in {@link ParameterGroups}, on a tiny two-layer encoder in double precision: frozen
 * parameters never move, biases and LayerNorm weights see no weight decay, heads step at their own learning rate.
 */
class ParameterGroupsTest {
    private static final double[] W = {0.5, 0.5};
    private static final double LR = 1e-2;

    private static ModelSpec spec(double dropout) {
        EncoderConfig e = Fixtures.tinyEncoder();
        EncoderConfig enc = new EncoderConfig(e.vocabSize(), e.hidden(), e.layers(), e.heads(), e.intermediate(),
                e.maxPositions(), e.typeVocabSize(), e.layerNormEps(), dropout);
        return new ModelSpec(enc, new MeanPooling(), new SeparateHeads(), Fixtures.twoGroups(), new FixedWeights());
    }

    private static Trainer trainer(double dropout, double weightDecay, ParameterGroups groups) {
        GroupModel model = GroupModel.build(spec(dropout), 7, DataType.DOUBLE);
        OptimConfig optim = new OptimConfig(LR, 0, 0, 0.9, 0.999, 1e-8, weightDecay);
        return new Trainer(model, optim, groups, 3);
    }

    private static Batch batch() {
        return Fixtures.batch(8, 6, Fixtures.tinyEncoder().vocabSize(), Fixtures.twoGroups(), 1, DataType.DOUBLE);
    }

    private static Map<String, INDArray> snapshot(Trainer t) {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        t.parameters().forEach((k, v) -> copy.put(k, v.dup()));
        return copy;
    }

    /** Every value, exactly (INDArray.equals allows a difference of 1e-5). */
    private static double[] bits(INDArray a) {
        return a.dup('c').data().asDouble();
    }

    @Test
    void namesSortIntoEncoderAndHeadsAndDecayFollowsHuggingFaceConvention() {
        assertTrue(ParameterGroups.isEncoder(EmbeddingTables.WORD));
        assertTrue(ParameterGroups.isEncoder("encoder.layer.11.output.dense.weight"));
        assertTrue(ParameterGroups.isEncoder("pooler.dense.weight"));
        assertFalse(ParameterGroups.isEncoder("head.y.weight"));
        assertFalse(ParameterGroups.isEncoder("encoder.layers"));
        assertFalse(ParameterGroups.decays("encoder.layer.0.output.LayerNorm.weight"));
        assertFalse(ParameterGroups.decays("embeddings.LayerNorm.bias"));
        assertFalse(ParameterGroups.decays("head.y.bias"));
        assertTrue(ParameterGroups.decays("encoder.layer.0.output.dense.weight"));
        assertTrue(ParameterGroups.decays(EmbeddingTables.POSITION));
        ParameterGroups one = new ParameterGroups(LR, 1);
        assertTrue(one.frozen("embeddings.LayerNorm.weight") && one.frozen(EmbeddingTables.TYPE));
        assertTrue(one.frozen("encoder.layer.0.attention.self.query.bias") && one.frozen("encoder.layer.0"));
        assertFalse(one.frozen("encoder.layer.1.attention.self.query.bias"));
        assertFalse(one.frozen("encoder.layer.10.output.dense.weight"), "layer 10 is not layer 1 or 0");
        assertFalse(new ParameterGroups(LR, 0).frozen(EmbeddingTables.WORD));
    }

    @Test
    void frozenParametersStayBitIdenticalWhileTheOthersChange() {
        Trainer t = trainer(0.1, 0.01, new ParameterGroups(LR, 1));
        Map<String, INDArray> before = snapshot(t);
        Batch b = batch();
        for (int s = 0; s < 3; s++) {
            t.step(b, W);
        }
        ParameterGroups groups = new ParameterGroups(LR, 1);
        int frozen = 0;
        for (Map.Entry<String, INDArray> p : t.parameters().entrySet()) {
            String name = p.getKey();
            if (groups.frozen(name)) {
                frozen++;
                assertArrayEquals(bits(before.get(name)), bits(p.getValue()), name + " is frozen");
                assertFalse(t.optimizer().state().containsKey("m/" + name), name + " needs no Adam state");
            } else {
                assertFalse(Arrays.equals(bits(before.get(name)), bits(p.getValue())), name + " trains");
            }
        }
        assertEquals(3 + 2 + 16, frozen, "three tables, the embedding LayerNorm and layer 0's 16 tensors");
    }

    @Test
    void aFullyFrozenEncoderRunsWithoutDropoutSoTheTrainingLossIsTheEvaluationLoss() {
        Trainer t = trainer(0.3, 0.0, new ParameterGroups(LR, 2));
        Batch b = batch();
        double eval = t.outputs(b, W, List.of(GroupModel.LOSS)).get(GroupModel.LOSS).getDouble(0);
        assertEquals(eval, t.step(b, W).get(GroupModel.LOSS), 1e-12);
        Trainer dropping = trainer(0.3, 0.0, new ParameterGroups(LR, 1));
        assertNotEquals(eval, dropping.step(b, W).get(GroupModel.LOSS), 1e-6, "layer 1 still drops out");
    }

    @Test
    void biasesAndLayerNormWeightsSeeNoWeightDecay() {
        double decay = 0.5;
        Trainer plain = trainer(0.0, 0.0, new ParameterGroups(LR, 0));
        Trainer decayed = trainer(0.0, decay, new ParameterGroups(LR, 0));
        Map<String, INDArray> before = snapshot(plain);
        plain.step(batch(), W);
        decayed.step(batch(), W);
        int exempt = 0;
        for (String name : before.keySet()) {
            INDArray gap = plain.parameters().get(name).sub(decayed.parameters().get(name));
            if (ParameterGroups.decays(name)) {
                INDArray expected = before.get(name).mul(LR * decay); // AdamW: θ − lr·λ·θ on top of the Adam step
                assertEquals(0.0, gap.sub(expected).amaxNumber().doubleValue(), 1e-15, name);
                assertTrue(expected.amaxNumber().doubleValue() > 1e-4, name + " is decayed noticeably");
            } else {
                exempt++;
                assertArrayEquals(bits(plain.parameters().get(name)), bits(decayed.parameters().get(name)),
                        name + " is not decayed");
            }
        }
        // per layer 6 dense biases + 2 LayerNorms × (weight, bias); the embedding LayerNorm; a bias per head
        assertEquals(2 * (6 + 4) + 2 + 2, exempt);
    }

    @Test
    void headsMoveAtTheirOwnLearningRate() {
        double headLr = 7 * LR;
        Trainer same = trainer(0.1, 0.0, new ParameterGroups(LR, 0));
        Trainer own = trainer(0.1, 0.0, new ParameterGroups(headLr, 0));
        Map<String, INDArray> before = snapshot(same);
        same.step(batch(), W);
        own.step(batch(), W);
        for (String name : before.keySet()) {
            INDArray dSame = same.parameters().get(name).sub(before.get(name));
            INDArray dOwn = own.parameters().get(name).sub(before.get(name));
            if (ParameterGroups.isEncoder(name)) {
                assertArrayEquals(bits(dSame), bits(dOwn), name + " steps at training.lr in both");
            } else {
                // the first step's gradients are the same in both runs, and Adam's step is proportional to the rate
                assertEquals(0.0, dOwn.sub(dSame.mul(headLr / LR)).amaxNumber().doubleValue(), 1e-12, name);
                assertTrue(dSame.amaxNumber().doubleValue() > 1e-3, name + " moved");
            }
        }
    }
}
