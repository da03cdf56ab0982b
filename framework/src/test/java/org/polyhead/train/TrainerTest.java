package org.polyhead.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.polyhead.encoder.EncoderConfig;
import org.polyhead.heads.SeparateHeads;
import org.polyhead.losses.FixedWeights;
import org.polyhead.model.Batch;
import org.polyhead.model.Fixtures;
import org.polyhead.model.GroupModel;
import org.polyhead.model.ModelSpec;
import org.polyhead.pooling.MeanPooling;

/** Training steps are reproducible from the seed (dropout included) and actually reduce the loss. */
class TrainerTest {

    private static List<Double> losses(double dropout, long seed, int steps) {
        EncoderConfig e = Fixtures.tinyEncoder();
        EncoderConfig enc = new EncoderConfig(e.vocabSize(), e.hidden(), e.layers(), e.heads(), e.intermediate(),
                e.maxPositions(), e.typeVocabSize(), e.layerNormEps(), dropout);
        ModelSpec spec = new ModelSpec(enc, new MeanPooling(), new SeparateHeads(), Fixtures.twoGroups(), new FixedWeights());
        Trainer trainer = new Trainer(GroupModel.build(spec, 7), OptimConfig.adam(1e-2, 0, 0), seed);
        Batch batch = Fixtures.batch(8, 6, 23, spec.groups(), 1, DataType.FLOAT);
        List<Double> out = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            out.add(trainer.step(batch, new double[] {0.5, 0.5}).get("loss"));
        }
        return out;
    }

    @Test
    void sameSeedGivesIdenticalLossesWithDropout() {
        List<Double> a = losses(0.2, 5, 4);
        assertEquals(a, losses(0.2, 5, 4));
        assertNotEquals(a, losses(0.2, 6, 4), "another seed draws other dropout masks");
        assertNotEquals(a.subList(0, 1), losses(0.0, 5, 1), "dropout is applied in training");
    }

    @Test
    void repeatedStepsOnOneBatchDriveTheLossDown() {
        List<Double> l = losses(0.0, 1, 30);
        assertTrue(l.get(29) < 0.5 * l.get(0), "loss " + l.get(0) + " -> " + l.get(29));
    }
}
