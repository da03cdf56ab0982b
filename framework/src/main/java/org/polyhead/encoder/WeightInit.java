package org.polyhead.encoder;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BERT's initialisation, N(0, 0.02²), drawn from a seeded Java generator: the same seed gives the same model on any
 * backend and thread count. Also fixes the model's floating type (FLOAT to train, DOUBLE for gradient checks).
 */
public final class WeightInit {
    public static final double BERT_STD = 0.02;
    private final Random rng;
    private final double std;
    private final DataType type;

    public WeightInit(long seed) {
        this(seed, DataType.FLOAT);
    }

    public WeightInit(long seed, DataType type) {
        this(new Random(seed), type);
    }

    private WeightInit(Random rng, DataType type) {
        this.rng = rng;
        this.std = BERT_STD;
        this.type = type;
    }

    /**
     * Zeros in place of every random draw, for a graph whose parameter variables then read another model's arrays
     * (the inference graph, {@code GroupModel.inference}), which would otherwise draw values only to discard them
     * (10.6 M Java {@code nextGaussian} calls for MiniLM's encoder).
     */
    public static WeightInit discarded(DataType type) {
        return new WeightInit(null, type);
    }

    public DataType dataType() {
        return type;
    }

    public INDArray zeros(long... shape) {
        return Nd4j.zeros(type, shape);
    }

    public INDArray ones(long... shape) {
        return Nd4j.ones(type, shape);
    }

    public INDArray normal(long... shape) {
        if (rng == null) {
            return zeros(shape);
        }
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] values = new float[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (rng.nextGaussian() * std);
        }
        return Nd4j.create(values, shape, 'c').castTo(type);
    }
}
