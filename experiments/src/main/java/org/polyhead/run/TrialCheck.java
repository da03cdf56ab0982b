package org.polyhead.run;

import org.polyhead.spec.ExperimentSpec;
import org.polyhead.spec.SpecLoader;

/**
 * What can be checked of a trial before its run exists, once its data is prepared: the loss weights against the label
 * groups, and the model the trial would build (pooling, head and weighting designs, encoder shape or pretrained
 * checkpoint). A sweep checks every trial this way before it creates its parent run, so a mistake in trial 5 is found
 * before trial 1 trains.
 */
public final class TrialCheck {
    private TrialCheck() {}

    /** Throws the {@code UserError} the trial would fail with once its run exists. */
    public static void check(SpecLoader.Resolved trial, PreparedData data) {
        ExperimentSpec spec = trial.spec();
        LossWeights.of(spec.loss(), data.groups());
        if (StagedRunner.DESIGN.equals(spec.model().heads())) {
            StagedRunner.check(data);
            TrialRunner.modelSpec(trial.with(java.util.Map.of("model.heads", "separate")).spec(), data);
        } else {
            TrialRunner.modelSpec(spec, data);
        }
    }
}
