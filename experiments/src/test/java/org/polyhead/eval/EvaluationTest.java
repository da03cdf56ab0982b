package org.polyhead.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetType;

/** Per-type validation metrics against hand counts. */
class EvaluationTest {

    @Test
    void multiLabelGroupsGetSubsetAccuracyAndMicroF1() {
        LabelGroup g = new LabelGroup("topics", TargetType.MULTILABEL, List.of("a", "b", "c"));
        var p = Nd4j.createFromArray(new float[][] {{0.9f, 0.2f, 0.7f}, {0.6f, 0.4f, 0.1f}, {0.1f, 0.8f, 0.3f}});
        var y = Nd4j.createFromArray(new float[][] {{1, 0, 1}, {1, 1, 0}, {0, 0, 1}});
        Map<String, Double> m = Evaluation.metrics(List.of(g), new Predictions(Map.of("pred.topics", p)),
                Map.of("target.topics", y));
        assertEquals(1.0 / 3, m.get("val_acc_topics"), 1e-9); // only row 0 is exactly right
        // TP = 3 (a,c in row 0; a in row 1), FP = 1 (b in row 2), FN = 2 (b in row 1, c in row 2)
        assertEquals(2.0 * 3 / (2 * 3 + 1 + 2), m.get("val_f1_topics"), 1e-9);
    }

    @Test
    void regressionGroupsGetMaeAndRmse() {
        LabelGroup g = new LabelGroup("year", TargetType.REGRESSION, List.of());
        var p = Nd4j.createFromArray(new double[][] {{1900}, {1950}, {2000}});
        var y = Nd4j.createFromArray(new double[][] {{1910}, {1950}, {1970}});
        Map<String, Double> m = Evaluation.metrics(List.of(g), new Predictions(Map.of("pred.year", p)),
                Map.of("target.year", y));
        assertEquals(40.0 / 3, m.get("val_mae_year"), 1e-9);
        assertEquals(Math.sqrt((100.0 + 900) / 3), m.get("val_rmse_year"), 1e-9);
    }

    @Test
    void singleLabelGroupsKeepAccuracyAndMacroF1() {
        LabelGroup g = new LabelGroup("party", TargetType.SOFTMAX, List.of("D", "R"));
        var p = Nd4j.createFromArray(new float[][] {{0.9f, 0.1f}, {0.2f, 0.8f}, {0.7f, 0.3f}});
        var y = Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}, {0, 1}});
        Map<String, Double> m = Evaluation.metrics(List.of(g), new Predictions(Map.of("pred.party", p)),
                Map.of("target.party", y));
        assertEquals(2.0 / 3, m.get("val_acc_party"), 1e-9);
        assertEquals((2.0 * 1 / 3 + 2.0 * 1 / 3) / 2, m.get("val_f1_party"), 1e-9); // D: tp1 fp1; R: tp1 fn1
    }
}
