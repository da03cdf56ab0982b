package org.polyhead.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.eval.Predictions;
import org.polyhead.heads.LabelGroup;

/**
 * One made-up validation example, for asking the evaluation code which metrics it names without a model: every
 * output uniform over its width (finite, so decoders that take logs decode it), every target the first class. A run's
 * metric names are taken from the code that computes them rather than listed a second time, so the check of
 * {@code training.early_stopping} before a run cannot drift from what the run logs.
 */
final class OneExample {
    private OneExample() {}

    /** Each group's prediction and loss, and each further output (e.g. a design's diagnostics) {@code width} wide. */
    static Predictions predictions(List<LabelGroup> groups, List<String> further, int width) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (LabelGroup g : groups) {
            out.put(g.predictionName(), uniform(g.width()));
            out.put(g.lossName(), Nd4j.zeros(DataType.FLOAT, 1));
        }
        further.forEach(name -> out.put(name, uniform(width)));
        return new Predictions(out);
    }

    /** Each group's target: the first class (a regression group's value 1). */
    static Map<String, INDArray> targets(List<LabelGroup> groups) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (LabelGroup g : groups) {
            INDArray y = Nd4j.zeros(DataType.FLOAT, 1, g.width());
            y.putScalar(0, 0, 1.0);
            out.put(g.targetName(), y);
        }
        return out;
    }

    private static INDArray uniform(int width) {
        return Nd4j.valueArrayOf(new long[] {1, width}, 1.0f / width);
    }
}
