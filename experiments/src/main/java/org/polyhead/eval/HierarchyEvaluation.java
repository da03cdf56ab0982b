package org.polyhead.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.heads.LabelGroup;
import org.polyhead.hierarchy.ConditionedTeacherHeads;
import org.polyhead.hierarchy.ConstrainedDecoder;
import org.polyhead.hierarchy.HierarchyMetrics;
import org.polyhead.hierarchy.PathDecoder;
import org.polyhead.hierarchy.Taxonomy;

/**
 * Validation of hierarchical models as paths: each design's own decoding gives {@code val_path_acc},
 * {@code val_consistency} and {@code val_hf1}; constrained decoding of the same probabilities gives
 * {@code val_path_acc_constrained} (comparable across designs); a teacher-forced design adds its train/inference gap
 * {@code val_teacher_gap_<level>} = accuracy given the true parent − accuracy given the predicted parent.
 */
public final class HierarchyEvaluation {
    static final String CONSTRAINED = "val_path_acc_constrained";
    static final String TEACHER_GAP = "val_teacher_gap_";

    private HierarchyEvaluation() {}

    /** @param probs each level's probabilities [N, C_k], and {@code teacher.<level>} where the design outputs them */
    public static Map<String, Double> metrics(Taxonomy taxonomy, PathDecoder decoder, List<LabelGroup> levels,
                                       Predictions probs, Map<String, INDArray> targets) {
        List<double[][]> perLevel = new ArrayList<>();
        List<int[]> truthPerLevel = new ArrayList<>();
        for (LabelGroup g : levels) {
            perLevel.add(probs.of(g).toDoubleMatrix());
            truthPerLevel.add(targets.get(g.targetName()).argMax(1).toIntVector());
        }
        int n = perLevel.get(0).length;
        List<int[]> truth = new ArrayList<>();
        List<int[]> decoded = new ArrayList<>();
        List<int[]> constrained = new ArrayList<>();
        ConstrainedDecoder exact = new ConstrainedDecoder(taxonomy);
        for (int i = 0; i < n; i++) {
            List<double[]> example = new ArrayList<>();
            int[] t = new int[levels.size()];
            for (int k = 0; k < levels.size(); k++) {
                example.add(perLevel.get(k)[i]);
                t[k] = truthPerLevel.get(k)[i];
            }
            truth.add(t);
            decoded.add(decoder.decode(example));
            constrained.add(exact.decode(example));
        }
        Map<String, Double> m = new LinkedHashMap<>(HierarchyMetrics.of(taxonomy, decoded, truth));
        m.put(CONSTRAINED, HierarchyMetrics.of(taxonomy, constrained, truth).get(HierarchyMetrics.PATH_ACC));
        for (LabelGroup g : levels) {
            INDArray teacher = probs.output(ConditionedTeacherHeads.TEACHER + g.name());
            if (teacher != null) {
                INDArray y = targets.get(g.targetName());
                m.put(TEACHER_GAP + g.name(), accuracy(teacher, y) - accuracy(probs.of(g), y));
            }
        }
        return m;
    }

    private static double accuracy(INDArray probs, INDArray oneHot) {
        return Evaluation.accuracy(Evaluation.confusion(probs, oneHot));
    }
}
