package org.polyhead.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central finite differences in double precision against SameDiff's analytic gradients. Our own checker because
 * GradCheckUtil insists on gradients for every floating placeholder, masks included (docs/samediff-m2.1.md §9).
 */
public final class FiniteDifferences {
    private static final double EPS = 1e-6;

    private FiniteDifferences() {}

    /** Converts every floating variable and placeholder of {@code sd} to DOUBLE (call before feeding double arrays). */
    public static void toDouble(SameDiff sd) {
        Map<String, DataType> types = new HashMap<>();
        for (SDVariable v : sd.variables()) {
            boolean floating = v.dataType() == DataType.FLOAT;
            boolean convertible = v.getVariableType() == VariableType.VARIABLE
                    || v.getVariableType() == VariableType.PLACEHOLDER || v.getVariableType() == VariableType.CONSTANT;
            if (floating && convertible) {
                types.put(v.name(), DataType.DOUBLE);
            }
        }
        sd.convertDataTypes(types);
    }

    /**
     * Checks up to {@code perVariable} random elements of each named variable's gradient of {@code loss}.
     *
     * @return the largest relative error seen
     */
    public static double check(SameDiff sd, Map<String, INDArray> feed, String loss, List<String> variables,
                               int perVariable, double maxRelError) {
        Map<String, INDArray> grads = sd.calculateGradients(feed, variables);
        Random rng = new Random(42);
        double worst = 0;
        List<String> failures = new ArrayList<>();
        for (String name : variables) {
            INDArray param = sd.getVariable(name).getArr();
            INDArray grad = grads.get(name);
            assertTrue(grad != null, "no gradient for " + name);
            long n = param.length();
            for (int s = 0; s < Math.min(perVariable, n); s++) {
                long i = n <= perVariable ? s : (long) (rng.nextDouble() * n);
                double original = param.getDouble(i);
                param.putScalar(i, original + EPS);
                double plus = scalar(sd, feed, loss);
                param.putScalar(i, original - EPS);
                double minus = scalar(sd, feed, loss);
                param.putScalar(i, original);
                double numeric = (plus - minus) / (2 * EPS);
                double analytic = grad.getDouble(i);
                double denom = Math.max(Math.abs(numeric) + Math.abs(analytic), 1e-8);
                double rel = Math.abs(numeric - analytic) / denom;
                // absolute slack for gradients that are numerically zero
                if (Math.abs(numeric - analytic) < 1e-8) {
                    rel = 0;
                }
                worst = Math.max(worst, rel);
                if (rel > maxRelError) {
                    failures.add(String.format("%s[%d]: analytic %.8g numeric %.8g rel %.3g", name, i, analytic, numeric, rel));
                }
            }
        }
        assertTrue(failures.isEmpty(), "gradient check failed:\n" + String.join("\n", failures));
        return worst;
    }

    private static double scalar(SameDiff sd, Map<String, INDArray> feed, String loss) {
        return sd.output(feed, loss).get(loss).getDouble(0);
    }
}
