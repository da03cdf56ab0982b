package org.polyhead.report;

import java.util.ArrayList;
import java.util.List;

/** Non-dominated points when both coordinates are to be maximised (e.g. accuracy on group 1 and on group 2). */
public final class Pareto {
    private Pareto() {}

    /** Indices of the points no other point matches or beats on both coordinates while beating on one. */
    public static List<Integer> front(List<double[]> points) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            double[] p = points.get(i);
            boolean dominated = false;
            for (double[] q : points) {
                if (q[0] >= p[0] && q[1] >= p[1] && (q[0] > p[0] || q[1] > p[1])) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                out.add(i);
            }
        }
        return out;
    }
}
