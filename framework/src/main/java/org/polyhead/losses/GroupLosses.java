package org.polyhead.losses;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.polyhead.UserError;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetType;

/**
 * The losses each target type may be trained with, by name ({@code loss: huber} on a group); the first listed is the
 * type's default: softmax → {@code cross_entropy}, multilabel → {@code bce}, regression → {@code mse} or {@code huber}.
 */
public final class GroupLosses {
    private static final Map<TargetType, List<Map.Entry<String, Supplier<GroupLoss>>>> BY_TYPE = Map.of(
            TargetType.SOFTMAX, List.of(Map.entry("cross_entropy", SoftmaxCrossEntropy::new)),
            TargetType.MULTILABEL, List.of(Map.entry("bce", BinaryCrossEntropy::new)),
            TargetType.REGRESSION, List.of(Map.entry("mse", SquaredError::new), Map.entry("huber", HuberLoss::new)));

    private GroupLosses() {}

    /** The default loss of a type. */
    public static GroupLoss forType(TargetType type) {
        return BY_TYPE.get(type).get(0).getValue().get();
    }

    /** The group's loss by name (empty = its type's default), on standardised targets when the group has a scale. */
    public static GroupLoss of(LabelGroup g) {
        GroupLoss loss = named(g.type(), g.loss(), "groups." + g.name() + ".loss");
        return g.scale().isIdentity() ? loss : new ScaledTargets(loss, g.scale());
    }

    /** Checks a loss name for a type; {@code key} is named in the error. */
    public static GroupLoss named(TargetType type, String name, String key) {
        List<Map.Entry<String, Supplier<GroupLoss>>> known = BY_TYPE.get(type);
        if (name == null || name.isEmpty()) {
            return known.get(0).getValue().get();
        }
        return known.stream().filter(e -> e.getKey().equals(name)).findFirst()
                .orElseThrow(() -> new UserError(key + ": unknown loss '" + name + "' for a "
                        + type.name().toLowerCase() + " group, expected one of "
                        + known.stream().map(Map.Entry::getKey).toList()))
                .getValue().get();
    }
}
