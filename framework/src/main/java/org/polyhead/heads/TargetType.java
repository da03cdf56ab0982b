package org.polyhead.heads;

/** What a label group predicts; it decides the loss and the metrics, as HuggingFace's problem_type does. */
public enum TargetType {
    /** exactly one class of the group's list */
    SOFTMAX,
    /** any subset of the group's classes */
    MULTILABEL,
    /** a real number */
    REGRESSION
}
