package org.polyhead.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.UserError;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetScale;
import org.polyhead.heads.TargetType;

/** Loss values against hand computations, stability at extreme logits, and loss names per target type. */
class GroupLossesTest {

    private static double value(GroupLoss loss, double[][] z, double[][] y) {
        SameDiff sd = SameDiff.create();
        SDVariable out = loss.loss(sd, sd.var("z", Nd4j.createFromArray(z)), sd.constant(Nd4j.createFromArray(y)));
        return out.eval().getDouble(0);
    }

    private static double[][] gradient(GroupLoss loss, double[][] z, double[][] y) {
        SameDiff sd = SameDiff.create();
        SDVariable out = loss.loss(sd, sd.var("z", Nd4j.createFromArray(z)), sd.constant(Nd4j.createFromArray(y)));
        sd.setLossVariables(out.name());
        return sd.calculateGradients(java.util.Map.of(), "z").get("z").toDoubleMatrix();
    }

    @Test
    void softmaxCrossEntropyStaysFiniteForHugeLogitGaps() {
        double[][] z = {{0, 2000, -3000}, {1, 2, 3}};
        double[][] y = {{1, 0, 0}, {0, 0, 1}};
        double expected = (2000 + (Math.log(Math.exp(-2) + Math.exp(-1) + 1))) / 2;
        assertEquals(expected, value(new SoftmaxCrossEntropy(), z, y), 1e-9);
        for (double[] row : gradient(new SoftmaxCrossEntropy(), z, y)) {
            for (double g : row) {
                assertTrue(Double.isFinite(g));
            }
        }
    }

    @Test
    void binaryCrossEntropyIsStableAndMatchesItsDefinition() {
        double[][] z = {{300, -300, 0.5}};
        double[][] y = {{0, 0, 1}};
        double expected = 300 + 0 + Math.log1p(Math.exp(-0.5));
        assertEquals(expected, value(new BinaryCrossEntropy(), z, y), 1e-9);
    }

    @Test
    void huberIsQuadraticWithinDeltaAndLinearBeyond() {
        double[][] z = {{0.5}, {4.0}};
        double[][] y = {{0.0}, {0.0}};
        assertEquals((0.5 * 0.25 + (4.0 - 0.5)) / 2, value(new HuberLoss(), z, y), 1e-12);
        assertEquals((0.25 + 16) / 2, value(new SquaredError(), z, y), 1e-12);
    }

    @Test
    void scaledTargetsTrainOnStandardisedValuesAndPredictInOriginalUnits() {
        ScaledTargets loss = new ScaledTargets(new SquaredError(), new TargetScale(1900, 50));
        assertEquals(1.0, value(loss, new double[][] {{0.0}}, new double[][] {{1850}}), 1e-12); // (0 − (−1))²
        SameDiff sd = SameDiff.create();
        INDArray p = loss.prediction(sd, sd.constant(Nd4j.createFromArray(new double[][] {{0.5}}))).eval();
        assertEquals(1925, p.getDouble(0), 1e-9);
    }

    @Test
    void aLossNameMustFitTheGroupsTypeAndTheErrorNamesTheKey() {
        assertTrue(GroupLosses.of(new LabelGroup("age", TargetType.REGRESSION, List.of(), "huber", null))
                instanceof HuberLoss);
        UserError e = assertThrows(UserError.class, () -> GroupLosses.of(
                new LabelGroup("party", TargetType.SOFTMAX, List.of("a", "b"), "huber", null)));
        assertTrue(e.getMessage().startsWith("groups.party.loss: unknown loss 'huber'"), e.getMessage());
    }
}
