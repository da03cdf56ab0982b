package org.polyhead.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.encoder.EncoderConfig;
import org.polyhead.encoder.EncoderInputs;
import org.polyhead.heads.SeparateHeads;
import org.polyhead.losses.FixedWeights;
import org.polyhead.losses.Weighting;
import org.polyhead.model.Batch;
import org.polyhead.model.Fixtures;
import org.polyhead.model.GroupModel;
import org.polyhead.model.ModelSpec;
import org.polyhead.pooling.MeanPooling;

/**
 * The Trainer runs SameDiff's gradient function with the session's array cache on, so intermediates of one step are
 * reused by the next. Reuse must never change a number: over several steps with different batches and dropout masks,
 * every gradient and loss equals, bit for bit, what SameDiff's own {@code calculateGradientsAndOutputs} (cache off)
 * gives on an identically built model for the same feed, and no fed array is overwritten.
 */
class GradientSessionTest {

    private static ModelSpec spec() {
        EncoderConfig e = Fixtures.tinyEncoder();
        EncoderConfig enc = new EncoderConfig(e.vocabSize(), e.hidden(), e.layers(), e.heads(), e.intermediate(),
                e.maxPositions(), e.typeVocabSize(), e.layerNormEps(), 0.2);
        return new ModelSpec(enc, new MeanPooling(), new SeparateHeads(), Fixtures.twoGroups(), new FixedWeights());
    }

    @Test
    void cachedSessionGradientsEqualSameDiffsOwnOverSeveralSteps() {
        GroupModel cached = GroupModel.build(spec(), 7);
        GroupModel reference = GroupModel.build(spec(), 7);
        Trainer trainer = new Trainer(cached, OptimConfig.adam(1e-2, 0, 0), 3);
        List<String> outputs = new ArrayList<>(List.of(GroupModel.LOSS));
        outputs.addAll(cached.groupLossNames().values());
        List<String> vars = new ArrayList<>(cached.trainableVariables());
        vars.add(EncoderInputs.EMBEDDINGS);
        for (int step = 0; step < 4; step++) {
            Batch batch = Fixtures.batch(6 + step % 2, 5 + step % 2, 23, cached.groups(), step, DataType.FLOAT);
            Map<String, INDArray> feed = trainer.feed(batch, 0.8, true);
            feed.put(Weighting.WEIGHTS, Nd4j.createFromArray(0.3f, 0.7f));
            Map<String, INDArray> fedCopy = copy(feed);
            INDArray embedded = cached.graph().getVariable(EncoderInputs.EMBEDDINGS).getArr().dup();

            Trainer.Gradients got = trainer.gradients(batch, feed);

            SameDiff sd = reference.graph();
            sd.getVariable(EncoderInputs.EMBEDDINGS).setArray(embedded);
            OutAndGrad want = sd.calculateGradientsAndOutputs(copy(fedCopy), outputs, vars);
            Map<String, INDArray> wantGrads = new HashMap<>(want.getGradients());
            INDArray dEmb = wantGrads.remove(EncoderInputs.EMBEDDINGS);
            wantGrads.putAll(reference.tables().backward(batch.ids(), batch.types(), dEmb));

            assertEquals(wantGrads.keySet(), got.byParameter().keySet());
            for (String name : wantGrads.keySet()) {
                assertIdentical(wantGrads.get(name), got.byParameter().get(name), "step " + step + ": d" + name);
            }
            for (String name : outputs) {
                assertEquals(want.getOutputs().get(name).getDouble(0), got.losses().get(name), "step " + step + ": " + name);
            }
            for (String name : fedCopy.keySet()) {
                assertIdentical(fedCopy.get(name), feed.get(name), "step " + step + ": fed array " + name + " was overwritten");
            }
            assertFalse(got.byParameter().isEmpty());
        }
    }

    private static void assertIdentical(INDArray want, INDArray got, String what) {
        assertArrayEquals(want.shape(), got.shape(), what + ": shape");
        assertEquals(0.0, want.castTo(DataType.DOUBLE).sub(got.castTo(DataType.DOUBLE)).amaxNumber().doubleValue(), 0.0,
                what);
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> feed) {
        Map<String, INDArray> out = new HashMap<>();
        feed.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }
}
