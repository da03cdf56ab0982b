package org.polyhead.eval;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.heads.LabelGroup;

/**
 * A model's outputs over a dataset, rows in the dataset's order, read by group: each group's prediction [N, width]
 * (probabilities, or the value of a regression group), where targets were fed its batch-size-weighted loss per batch,
 * and any further graph output a design adds (e.g. teacher-forced probabilities).
 *
 * @param outputs the concatenated graph outputs by graph name
 */
public record Predictions(Map<String, INDArray> outputs) {

    /** The group's prediction [N, width]. */
    public INDArray of(LabelGroup g) {
        return outputs.get(g.predictionName());
    }

    /** The group's loss per batch, each multiplied by its batch's size [batches]; null when no targets were fed. */
    public INDArray losses(LabelGroup g) {
        return outputs.get(g.lossName());
    }

    /** Another graph output by name, or null when the model has none by that name. */
    public INDArray output(String name) {
        return outputs.get(name);
    }
}
