package org.polyhead.run;

import java.util.Map;

/**
 * A named piece of the training loop, called by {@link TrainingLoop} at its points in the order the listeners are
 * given (DJL's {@code TrainingListener} is the model): {@link Resume}, {@link StepLogging} with the non-finite check,
 * {@link Validation}, {@link Checkpointing}, {@link ValidationLogging}, {@link EarlyStopping}. A listener may end the
 * loop early ({@link TrainingState#stop}) or fail the trial ({@link TrainingState#fail}).
 */
interface TrainingListener {

    /** Before the first step, e.g. to restore a checkpoint into the state. */
    default void onTrainingBegin(TrainingState state) {
    }

    /** After each training step, with the step's losses by graph name. */
    default void onStep(TrainingState state, Map<String, Double> losses) {
    }

    /** After each epoch's steps: {@code metrics} starts empty, and each listener may add to or read what is there. */
    default void onEpoch(TrainingState state, Map<String, Double> metrics) {
    }

    /**
     * After the last epoch, or the epoch a listener stopped at, unless the trial failed; e.g. to evaluate the kept
     * weights on held-out data before the run's artifacts are written.
     */
    default void onTrainingEnd(TrainingState state) {
    }
}
