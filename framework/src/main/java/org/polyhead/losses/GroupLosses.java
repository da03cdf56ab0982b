package org.polyhead.losses;

import org.polyhead.heads.TargetType;

/** The loss each target type is trained with. */
public final class GroupLosses {
    private GroupLosses() {}

    public static GroupLoss forType(TargetType type) {
        return switch (type) {
            case SOFTMAX -> new SoftmaxCrossEntropy();
            default -> throw new UnsupportedOperationException("no loss for target type " + type + " yet");
        };
    }
}
