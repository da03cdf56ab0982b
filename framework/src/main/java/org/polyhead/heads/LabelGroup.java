package org.polyhead.heads;

import com.google.common.base.Preconditions;
import java.util.List;

/**
 * One label set predicted by the model, e.g. {@code class_1 = [A,B,C,D]}, or a continuous target such as age.
 *
 * @param name    the group's name, used in variable names and in every logged metric ({@code val_acc_<name>})
 * @param type    what is predicted
 * @param classes the class list (empty for regression)
 * @param loss    the loss's name (see {@code losses.GroupLosses}); empty = the type's default
 * @param scale   standardisation of a regression target ({@link TargetScale#IDENTITY} = none)
 */
public record LabelGroup(String name, TargetType type, List<String> classes, String loss, TargetScale scale) {
    public LabelGroup {
        Preconditions.checkArgument(name != null && name.matches("[A-Za-z0-9_\\-]+"),
                "group name must be letters, digits, '_' or '-', got %s", name);
        classes = List.copyOf(classes);
        loss = loss == null ? "" : loss;
        scale = scale == null ? TargetScale.IDENTITY : scale;
        Preconditions.checkArgument(type == TargetType.REGRESSION || classes.size() >= 2,
                "group %s needs at least two classes, got %s", name, classes);
        Preconditions.checkArgument(type == TargetType.REGRESSION || scale.isIdentity(),
                "group %s: only regression targets are standardised", name);
    }

    /** A group trained with its type's default loss and no target scaling. */
    public LabelGroup(String name, TargetType type, List<String> classes) {
        this(name, type, classes, "", TargetScale.IDENTITY);
    }

    /** The same group with another target scale. */
    public LabelGroup withScale(TargetScale s) {
        return new LabelGroup(name, type, classes, loss, s);
    }

    /** Number of outputs the head produces for this group. */
    public int width() {
        return type == TargetType.REGRESSION ? 1 : classes.size();
    }

    /** Name of the target placeholder, [B, width]. */
    public String targetName() {
        return "target." + name;
    }

    /** Name of the graph output with the group's prediction [B, width]: probabilities, or the value of a regression. */
    public String predictionName() {
        return "pred." + name;
    }

    /** Name of the graph output with the group's loss, a scalar averaged over the batch. */
    public String lossName() {
        return "loss." + name;
    }
}
