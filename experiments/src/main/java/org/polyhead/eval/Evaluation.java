package org.polyhead.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.heads.LabelGroup;
import org.polyhead.track.Metrics;

/**
 * Validation metrics per group, by its target type, named with the group: single-label groups
 * {@code val_acc_<group>} and {@code val_f1_<group>} (macro-F1, from the confusion matrix); multi-label groups
 * {@code val_acc_<group>} as subset accuracy (every class right) and {@code val_f1_<group>} as micro-F1, both at the
 * threshold 0.5 (micro-F1 because rare classes make a per-class mean unstable on small validation sets); regression
 * groups {@code val_mae_<group>} and {@code val_rmse_<group>} in the target's original units.
 * Binary single-label groups also get ROC-AUC of the second class ({@code val_auc_<group>}).
 */
public final class Evaluation {
    static final double THRESHOLD = 0.5;

    private Evaluation() {}

    public static Map<String, Double> metrics(List<LabelGroup> groups, Predictions probs,
                                              Map<String, INDArray> targets) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (LabelGroup g : groups) {
            INDArray p = probs.of(g);
            INDArray y = targets.get(g.targetName());
            switch (g.type()) {
                case SOFTMAX -> {
                    long[][] cm = confusion(p, y);
                    out.put(Metrics.accuracy(g.name()), accuracy(cm));
                    out.put(Metrics.f1(g.name()), macroF1(cm));
                    if (g.width() == 2) {
                        out.put(Metrics.auc(g.name()), binaryAuc(p, y));
                    }
                }
                case MULTILABEL -> {
                    out.put(Metrics.accuracy(g.name()), subsetAccuracy(p, y));
                    out.put(Metrics.f1(g.name()), microF1(p, y));
                }
                case REGRESSION -> {
                    out.put(Metrics.meanAbsoluteError(g.name()), p.sub(y).norm1Number().doubleValue() / p.length());
                    out.put(Metrics.rootMeanSquaredError(g.name()),
                            p.sub(y).norm2Number().doubleValue() / Math.sqrt(p.length()));
                }
            }
        }
        return out;
    }

    /** The fraction of rows whose thresholded predictions equal the target set exactly. */
    static double subsetAccuracy(INDArray probs, INDArray multiHot) {
        INDArray wrong = probs.gt(THRESHOLD).castTo(multiHot.dataType()).neq(multiHot).castTo(multiHot.dataType());
        long exact = 0;
        for (int i = 0; i < probs.size(0); i++) {
            exact += wrong.getRow(i).sumNumber().doubleValue() == 0 ? 1 : 0;
        }
        return probs.size(0) == 0 ? 0 : (double) exact / probs.size(0);
    }

    /** F1 over all (row, class) decisions: 2·TP / (2·TP + FP + FN). */
    static double microF1(INDArray probs, INDArray multiHot) {
        INDArray predicted = probs.gt(THRESHOLD).castTo(multiHot.dataType());
        double tp = predicted.mul(multiHot).sumNumber().doubleValue();
        double fp = predicted.sumNumber().doubleValue() - tp;
        double fn = multiHot.sumNumber().doubleValue() - tp;
        return tp + fp + fn == 0 ? 1 : 2 * tp / (2 * tp + fp + fn);
    }

    /** ROC-AUC of the second class's probability (class "1" of a binary group). */
    static double binaryAuc(INDArray probs, INDArray oneHot) {
        double[] scores = probs.getColumn(1).toDoubleVector();
        double[] truth = oneHot.getColumn(1).toDoubleVector();
        boolean[] positive = new boolean[truth.length];
        for (int i = 0; i < truth.length; i++) {
            positive[i] = truth[i] > 0.5;
        }
        return RocAuc.of(scores, positive);
    }

    /** cm[true][predicted] from argmaxes. */
    public static long[][] confusion(INDArray probs, INDArray oneHot) {
        int c = (int) probs.size(1);
        long[][] cm = new long[c][c];
        INDArray predicted = probs.argMax(1);
        INDArray truth = oneHot.argMax(1);
        for (int i = 0; i < probs.size(0); i++) {
            cm[truth.getInt(i)][predicted.getInt(i)]++;
        }
        return cm;
    }

    static double accuracy(long[][] cm) {
        long right = 0;
        long all = 0;
        for (int i = 0; i < cm.length; i++) {
            for (int j = 0; j < cm.length; j++) {
                all += cm[i][j];
                right += i == j ? cm[i][j] : 0;
            }
        }
        return all == 0 ? 0 : (double) right / all;
    }

    /** Mean F1 over the classes present in the truth or the predictions. */
    static double macroF1(long[][] cm) {
        double sum = 0;
        int classes = 0;
        for (int k = 0; k < cm.length; k++) {
            long tp = cm[k][k];
            long fn = 0;
            long fp = 0;
            for (int j = 0; j < cm.length; j++) {
                fn += j != k ? cm[k][j] : 0;
                fp += j != k ? cm[j][k] : 0;
            }
            if (tp + fn + fp == 0) {
                continue;
            }
            sum += 2.0 * tp / (2.0 * tp + fp + fn);
            classes++;
        }
        return classes == 0 ? 0 : sum / classes;
    }
}
