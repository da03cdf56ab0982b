package org.polyhead.eval;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Area under the ROC curve of scores for a binary truth: the probability that a random positive scores above a random
 * negative (ties count half), from the ranks (Mann–Whitney U). Threshold-free, so it shows whether a binary model
 * ranks well even when its accuracy sits at a poorly placed 0.5 cut.
 */
final class RocAuc {
    private RocAuc() {}

    /** NaN when one class is absent (the area is undefined). */
    static double of(double[] scores, boolean[] positive) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSum = 0;
        long pos = 0;
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + 1 + j) / 2.0;  // mean 1-based rank of the tied run [i, j)
            for (int k = i; k < j; k++) {
                if (positive[order[k]]) {
                    rankSum += rank;
                    pos++;
                }
            }
            i = j;
        }
        long neg = scores.length - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }
}
