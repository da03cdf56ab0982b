package org.polyhead.track;

/**
 * The names of the metrics a run logs (experiments) and reports read back, each built in one place: per step
 * {@code train_<loss>} and {@code lr}; per epoch {@code val_<metric>_<group>}, {@code epoch} (and {@code step} in a
 * run's metrics table).
 */
public final class Metrics {
    public static final String EPOCH = "epoch";
    public static final String STEP = "step";
    public static final String LEARNING_RATE = "lr";
    /** The training loss over all groups, logged every step (a resumed run counts its steps by it). */
    public static final String TRAIN_LOSS = "train_loss";
    /** What every validation metric's name starts with. */
    public static final String VALIDATION = "val_";
    /** What the held-out test part's metrics start with, in place of {@link #VALIDATION}. */
    public static final String TEST = "test_";
    private static final String ACCURACY = VALIDATION + "acc_";
    private static final String F1 = VALIDATION + "f1_";

    private Metrics() {}

    /** By graph name: {@code loss} → {@code train_loss}, {@code loss.party} → {@code train_loss_party}. */
    public static String train(String lossName) {
        return "train_" + lossName.replace('.', '_');
    }

    /** The training loss of one group or level: {@code train_loss_<group>}. */
    public static String trainLoss(String group) {
        return TRAIN_LOSS + "_" + group;
    }

    /** Accuracy of a group (subset accuracy for multi-label groups). */
    public static String accuracy(String group) {
        return ACCURACY + group;
    }

    /** Whether a metric is a group's accuracy ({@link #groupOfAccuracy} names the group). */
    public static boolean isAccuracy(String metric) {
        return metric.startsWith(ACCURACY);
    }

    /** The group an accuracy metric names. */
    public static String groupOfAccuracy(String metric) {
        return metric.substring(ACCURACY.length());
    }

    /** Macro-F1 of a single-label group, micro-F1 of a multi-label group. */
    public static String f1(String group) {
        return F1 + group;
    }

    /** Whether a metric is a group's F1 ({@link #f1}). */
    public static boolean isF1(String metric) {
        return metric.startsWith(F1);
    }

    /** ROC-AUC of a binary group's second class. */
    public static String auc(String group) {
        return VALIDATION + "auc_" + group;
    }

    public static String meanAbsoluteError(String group) {
        return VALIDATION + "mae_" + group;
    }

    public static String rootMeanSquaredError(String group) {
        return VALIDATION + "rmse_" + group;
    }

    /** Loss-like metrics ({@code *loss*}, {@code *mae*}, {@code *rmse*}) improve downwards, all others upwards. */
    public static boolean lowerIsBetter(String metric) {
        return metric.contains("loss") || metric.contains("mae") || metric.contains("rmse");
    }

    /** Whether {@code value} of {@code metric} improves on {@code best} (NaN: nothing yet, so any value does). */
    public static boolean improves(String metric, double value, double best) {
        return Double.isNaN(best) || (lowerIsBetter(metric) ? value < best : value > best);
    }

    /** The test part's name of a validation metric ({@code val_acc_party} → {@code test_acc_party}); others as they are. */
    public static String test(String metric) {
        return metric.startsWith(VALIDATION) ? TEST + metric.substring(VALIDATION.length()) : metric;
    }

    /** A group's validation loss. */
    public static String validationLoss(String group) {
        return VALIDATION + "loss_" + group;
    }
}
