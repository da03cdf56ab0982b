package org.polyhead.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.heads.LabelGroup;
import org.polyhead.hierarchy.ArgmaxDecoder;
import org.polyhead.hierarchy.ConditionedTeacherHeads;
import org.polyhead.hierarchy.ConstrainedDecoder;
import org.polyhead.hierarchy.HierarchyHeads;
import org.polyhead.hierarchy.HierarchyMetrics;
import org.polyhead.hierarchy.PathDecoder;
import org.polyhead.hierarchy.Taxonomy;
import org.polyhead.model.Batch;
import org.polyhead.model.GroupModel;
import org.polyhead.model.ModelSpec;
import org.polyhead.task.TextBatches;
import org.polyhead.train.Trainer;

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

    /** The model spec with its hierarchical design bound to the taxonomy (other designs unchanged). */
    public static ModelSpec bind(ModelSpec spec, Taxonomy taxonomy) {
        if (taxonomy == null || !(spec.heads() instanceof HierarchyHeads h)) {
            return spec;
        }
        return new ModelSpec(spec.encoder(), spec.pooling(), h.bind(taxonomy), spec.groups(), spec.weighting());
    }

    static PathDecoder decoder(ModelSpec spec, Taxonomy taxonomy) {
        return spec.heads() instanceof HierarchyHeads h ? h.decoder(taxonomy) : new ArgmaxDecoder();
    }

    /** Predicts the validation set (with the teacher outputs where the graph has them) and computes the metrics. */
    public static Map<String, Double> validate(Trainer trainer, GroupModel model, Taxonomy taxonomy, TextBatches validation,
                                        double[] weights, int bs) {
        List<String> names = new ArrayList<>();
        for (LabelGroup g : model.groups()) {
            names.add("pred." + g.name());
            if (model.graph().hasVariable(ConditionedTeacherHeads.TEACHER + g.name())) {
                names.add(ConditionedTeacherHeads.TEACHER + g.name());
            }
        }
        Map<String, List<INDArray>> parts = new LinkedHashMap<>();
        for (Batch b : validation.inOrder(bs)) {
            Map<String, INDArray> out = trainer.outputs(b, weights, names);
            names.forEach(n -> parts.computeIfAbsent(n, k -> new ArrayList<>()).add(out.get(n)));
        }
        Map<String, INDArray> probs = new LinkedHashMap<>();
        parts.forEach((n, list) -> probs.put(n, Nd4j.concat(0, list.toArray(INDArray[]::new))));
        return metrics(taxonomy, decoder(model.spec(), taxonomy), model.groups(), probs, validation.targets());
    }

    /** @param probs {@code pred.<level>} [N, C_k] per level, optionally {@code teacher.<level>} */
    public static Map<String, Double> metrics(Taxonomy taxonomy, PathDecoder decoder, List<LabelGroup> levels,
                                       Map<String, INDArray> probs, Map<String, INDArray> targets) {
        List<double[][]> perLevel = new ArrayList<>();
        List<int[]> truthPerLevel = new ArrayList<>();
        for (LabelGroup g : levels) {
            perLevel.add(probs.get("pred." + g.name()).toDoubleMatrix());
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
            INDArray teacher = probs.get(ConditionedTeacherHeads.TEACHER + g.name());
            if (teacher != null) {
                INDArray y = targets.get(g.targetName());
                m.put(TEACHER_GAP + g.name(), accuracy(teacher, y) - accuracy(probs.get("pred." + g.name()), y));
            }
        }
        return m;
    }

    private static double accuracy(INDArray probs, INDArray oneHot) {
        return Evaluation.accuracy(Evaluation.confusion(probs, oneHot));
    }
}
