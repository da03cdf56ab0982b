package org.polyhead.baseline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.heads.LabelGroup;

/**
 * The training part's class frequencies as every record's probabilities: predicts the most frequent training class
 * (the lowest class index on a tie), the accuracy a model must beat to have learned anything.
 */
final class Majority implements Baseline {
    static final String NAME = "majority";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Scores fit(BaselineInput in) {
        Map<String, INDArray> val = new LinkedHashMap<>();
        Map<String, INDArray> test = in.data().test() == null ? null : new LinkedHashMap<>();
        for (LabelGroup g : in.groups()) {
            double[] freq = new double[g.width()];
            int[] y = BaselineInput.labels(in.data().train(), g);
            for (int c : y) {
                freq[c] += 1.0 / y.length;
            }
            INDArray row = Nd4j.createFromArray(freq).castTo(DataType.FLOAT).reshape(1, freq.length);
            val.put("pred." + g.name(), row.repeat(0, in.data().validation().size()));
            if (test != null) {
                test.put("pred." + g.name(), row.repeat(0, in.data().test().size()));
            }
        }
        return new Scores(val, test);
    }
}
