package org.polyhead.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.heads.LabelGroup;

/**
 * Validation metrics of single-label groups from predicted probabilities and one-hot targets: accuracy, macro-F1 and
 * the confusion matrix, named {@code val_acc_<group>} and {@code val_f1_<group>}; binary groups also get ROC-AUC of
 * the second class ({@code val_auc_<group>}).
 */
public final class Evaluation {
    private Evaluation() {}

    public static Map<String, Double> metrics(List<LabelGroup> groups, Map<String, INDArray> probs,
                                              Map<String, INDArray> targets) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (LabelGroup g : groups) {
            long[][] cm = confusion(probs.get("pred." + g.name()), targets.get(g.targetName()));
            out.put("val_acc_" + g.name(), accuracy(cm));
            out.put("val_f1_" + g.name(), macroF1(cm));
            if (g.width() == 2) {
                out.put("val_auc_" + g.name(), binaryAuc(probs.get("pred." + g.name()), targets.get(g.targetName())));
            }
        }
        return out;
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
