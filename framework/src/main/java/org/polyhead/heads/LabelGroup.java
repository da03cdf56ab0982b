package org.polyhead.heads;

import com.google.common.base.Preconditions;
import java.util.List;

/**
 * One label set predicted by the model, e.g. {@code class_1 = [A,B,C,D]}.
 *
 * @param name    the group's name, used in variable names and in every logged metric ({@code val_acc_<name>})
 * @param type    what is predicted
 * @param classes the class list (empty for regression)
 */
public record LabelGroup(String name, TargetType type, List<String> classes) {
    public LabelGroup {
        Preconditions.checkArgument(name != null && name.matches("[A-Za-z0-9_\\-]+"),
                "group name must be letters, digits, '_' or '-', got %s", name);
        classes = List.copyOf(classes);
        Preconditions.checkArgument(type == TargetType.REGRESSION || classes.size() >= 2,
                "group %s needs at least two classes, got %s", name, classes);
    }

    /** Number of outputs the head produces for this group. */
    public int width() {
        return type == TargetType.REGRESSION ? 1 : classes.size();
    }

    /** Name of the target placeholder, [B, width]. */
    public String targetName() {
        return "target." + name;
    }
}
