package org.polyhead.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.polyhead.encoder.EncoderConfig;
import org.polyhead.heads.SeparateHeads;
import org.polyhead.losses.FixedWeights;
import org.polyhead.model.Batch;
import org.polyhead.model.Fixtures;
import org.polyhead.model.GroupModel;
import org.polyhead.model.ModelSpec;
import org.polyhead.pooling.MeanPooling;

/**
 * Training steps are reproducible from the seed (dropout included), also across a checkpoint's restore, and actually
 * reduce the loss.
 */
class TrainerTest {

    private static ModelSpec spec(double dropout) {
        EncoderConfig e = Fixtures.tinyEncoder();
        EncoderConfig enc = new EncoderConfig(e.vocabSize(), e.hidden(), e.layers(), e.heads(), e.intermediate(),
                e.maxPositions(), e.typeVocabSize(), e.layerNormEps(), dropout);
        return new ModelSpec(enc, new MeanPooling(), new SeparateHeads(), Fixtures.twoGroups(), new FixedWeights());
    }

    private static List<Double> losses(double dropout, long seed, int steps) {
        ModelSpec spec = spec(dropout);
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
    void aTrainerRestoredFromACheckpointContinuesBitForBitWithDropout(@TempDir Path tmp) {
        ModelSpec spec = spec(0.2);
        Batch batch = Fixtures.batch(8, 6, 23, spec.groups(), 1, DataType.FLOAT);
        double[] w = {0.5, 0.5};
        Trainer whole = new Trainer(GroupModel.build(spec, 7), OptimConfig.adam(1e-2, 0, 0), 5);
        List<Double> uninterrupted = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            uninterrupted.add(whole.step(batch, w).get("loss"));
            if (s == 2) {
                new Checkpoint(1, 3, List.of()).save(tmp.resolve("c.zip"), whole);
            }
        }
        Trainer resumed = new Trainer(GroupModel.build(spec, 7), OptimConfig.adam(1e-2, 0, 0), 5);
        Checkpoint.restore(tmp.resolve("c.zip"), resumed);
        List<Double> after = new ArrayList<>();
        for (int s = 3; s < 6; s++) {
            after.add(resumed.step(batch, w).get("loss"));
        }
        assertEquals(uninterrupted.subList(3, 6), after, "the same dropout masks and updates after the restore");
    }

    /** Uncompressed (resume) and deflated (saved model) checkpoints hold the same arrays, bit for bit. */
    @Test
    void uncompressedAndDeflatedCheckpointsRestoreTheSameArrays(@TempDir Path tmp) throws Exception {
        ModelSpec spec = spec(0.2);
        Batch batch = Fixtures.batch(8, 6, 23, spec.groups(), 1, DataType.FLOAT);
        Trainer trained = new Trainer(GroupModel.build(spec, 7), OptimConfig.adam(1e-2, 0, 0), 5);
        for (int s = 0; s < 2; s++) {
            trained.step(batch, new double[] {0.5, 0.5});
        }
        new Checkpoint(1, 2, List.of()).save(tmp.resolve("plain.zip"), trained);
        new Checkpoint(1, 2, List.of()).saveCompressed(tmp.resolve("deflated.zip"), trained);
        assertTrue(java.nio.file.Files.size(tmp.resolve("deflated.zip"))
                < java.nio.file.Files.size(tmp.resolve("plain.zip")), "deflating shrinks it");
        for (String file : new String[] {"plain.zip", "deflated.zip"}) {
            Trainer restored = new Trainer(GroupModel.build(spec, 8), OptimConfig.adam(1e-2, 0, 0), 5);
            Checkpoint c = Checkpoint.restore(tmp.resolve(file), restored);
            assertEquals(2, c.step(), file);
            assertEquals(trained.optimizer().step(), restored.optimizer().step(), file);
            trained.parameters().forEach((name, a) -> assertEquals(a, restored.parameters().get(name), file + " " + name));
            trained.optimizer().state().forEach((name, a) ->
                    assertEquals(a, restored.optimizer().state().get(name), file + " " + name));
        }
    }

    @Test
    void repeatedStepsOnOneBatchDriveTheLossDown() {
        List<Double> l = losses(0.0, 1, 30);
        assertTrue(l.get(29) < 0.5 * l.get(0), "loss " + l.get(0) + " -> " + l.get(29));
    }
}
