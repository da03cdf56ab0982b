package org.polyhead.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Whether the graph runs a training step or a prediction, for designs that behave differently in the two (teacher
 * forcing feeds the true parent while training and the predicted one otherwise). A scalar placeholder, 1 when training
 * and 0 otherwise, that the trainer feeds only to graphs that declare it.
 */
public final class Phase {
    public static final String TRAINING = "phase.training";

    private Phase() {}

    /** The placeholder, created once per graph. */
    public static SDVariable training(SameDiff sd, DataType type) {
        return Ops.placeholder(sd, TRAINING, type);
    }

    /** The value to feed: 1 while training, 0 otherwise. */
    public static INDArray value(boolean training, DataType type) {
        return Nd4j.scalar(training ? 1.0 : 0.0).castTo(type);
    }
}
