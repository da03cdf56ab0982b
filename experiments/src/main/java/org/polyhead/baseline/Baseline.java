package org.polyhead.baseline;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A model that is fitted on a trial's train part and gives class probabilities for its validation and test parts. */
public interface Baseline {

    /** The name a spec lists under {@code baselines} and the run's {@code polyhead.baseline} tag. */
    String name();

    /** Fits on the train part; probabilities per single-label group of {@link BaselineInput#groups()}. */
    Scores fit(BaselineInput in);

    /**
     * Class probabilities [N, classes] by {@code pred.<group>} (the trials' output names), in record order.
     *
     * @param test null when the data has no test part
     */
    record Scores(Map<String, INDArray> validation, Map<String, INDArray> test) {}
}
