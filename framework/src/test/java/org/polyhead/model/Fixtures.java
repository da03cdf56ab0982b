package org.polyhead.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.encoder.EncoderConfig;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetType;

/** Tiny deterministic models and batches for graph tests. */
public final class Fixtures {
    private Fixtures() {}

    public static EncoderConfig tinyEncoder() {
        return new EncoderConfig(23, 8, 2, 2, 12, 16, 2, 1e-12, 0.1);
    }

    public static List<LabelGroup> twoGroups() {
        return List.of(new LabelGroup("y", TargetType.SOFTMAX, List.of("A", "B", "C", "D")),
                new LabelGroup("z", TargetType.SOFTMAX, List.of("X", "Y", "Z")));
    }

    /** A padded batch of {@code b} sequences of length ≤ t with one-hot targets per group. */
    public static Batch batch(int b, int t, int vocab, List<LabelGroup> groups, long seed, DataType type) {
        Random rng = new Random(seed);
        int[][] ids = new int[b][t];
        int[][] types = new int[b][t];
        INDArray mask = Nd4j.zeros(type, b, t);
        for (int i = 0; i < b; i++) {
            int len = 2 + rng.nextInt(t - 1);
            for (int j = 0; j < t; j++) {
                ids[i][j] = j < len ? 1 + rng.nextInt(vocab - 1) : 0;
                mask.putScalar(i, j, j < len ? 1 : 0);
            }
        }
        Map<String, INDArray> targets = new HashMap<>();
        for (LabelGroup g : groups) {
            targets.put(g.targetName(), targets(g, b, rng, type));
        }
        return new Batch(ids, types, mask, targets);
    }

    /** Targets of one group: one-hot (softmax), a random 0/1 subset (multilabel) or N(0, 2²) values (regression). */
    static INDArray targets(LabelGroup g, int b, Random rng, DataType type) {
        INDArray y = Nd4j.zeros(type, b, g.width());
        for (int i = 0; i < b; i++) {
            switch (g.type()) {
                case SOFTMAX -> y.putScalar(i, rng.nextInt(g.width()), 1.0);
                case MULTILABEL -> {
                    for (int c = 0; c < g.width(); c++) {
                        y.putScalar(i, c, rng.nextBoolean() ? 1.0 : 0.0);
                    }
                }
                case REGRESSION -> y.putScalar(i, 0, 2 * rng.nextGaussian());
            }
        }
        return y;
    }
}
