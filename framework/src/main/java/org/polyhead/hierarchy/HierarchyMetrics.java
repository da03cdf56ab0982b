package org.polyhead.hierarchy;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Path-level validation metrics of decoded paths against the true ones: full-path accuracy ({@code val_path_acc}),
 * hierarchical consistency ({@code val_consistency}: the fraction of predicted labels below the top whose parent is
 * the predicted label one level up) and hierarchical F1 ({@code val_hf1}: micro F1 of the label sets augmented with
 * every ancestor, so a wrong leaf under the right parent earns partial credit). Names are stable: reports read them.
 */
public final class HierarchyMetrics {
    public static final String PATH_ACC = "val_path_acc";
    public static final String CONSISTENCY = "val_consistency";
    public static final String HF1 = "val_hf1";

    private HierarchyMetrics() {}

    public static Map<String, Double> of(Taxonomy taxonomy, List<int[]> predicted, List<int[]> truth) {
        long exact = 0;
        long consistent = 0;
        long links = 0;
        long overlap = 0;
        long predictedSize = 0;
        long trueSize = 0;
        for (int i = 0; i < predicted.size(); i++) {
            int[] p = predicted.get(i);
            int[] t = truth.get(i);
            exact += java.util.Arrays.equals(p, t) ? 1 : 0;
            for (int k = 1; k < p.length; k++) {
                links++;
                consistent += taxonomy.parent(k, p[k]) == p[k - 1] ? 1 : 0;
            }
            Set<Long> ps = augmented(taxonomy, p);
            Set<Long> ts = augmented(taxonomy, t);
            predictedSize += ps.size();
            trueSize += ts.size();
            ps.retainAll(ts);
            overlap += ps.size();
        }
        Map<String, Double> m = new LinkedHashMap<>();
        int n = predicted.size();
        m.put(PATH_ACC, n == 0 ? 0 : (double) exact / n);
        m.put(CONSISTENCY, links == 0 ? 1 : (double) consistent / links);
        double precision = predictedSize == 0 ? 0 : (double) overlap / predictedSize;
        double recall = trueSize == 0 ? 0 : (double) overlap / trueSize;
        m.put(HF1, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
        return m;
    }

    /** Each predicted (level, class) with all its ancestors, as level·2^32 + class. */
    static Set<Long> augmented(Taxonomy taxonomy, int[] path) {
        Set<Long> s = new HashSet<>();
        for (int k = 0; k < path.length; k++) {
            int c = path[k];
            for (int j = k; j >= 0; j--) {
                s.add(((long) j << 32) + c);
                if (j > 0) {
                    c = taxonomy.parent(j, c);
                }
            }
        }
        return s;
    }
}
