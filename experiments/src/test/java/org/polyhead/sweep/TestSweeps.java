package org.polyhead.sweep;

import java.nio.file.Path;
import org.polyhead.run.TrialRunner;
import org.polyhead.spec.SpecLoader;
import org.polyhead.task.TaskData;
import org.polyhead.track.MlflowServerExtension;
import org.polyhead.track.MlflowTracker;

/**
 * Runs a spec as the CLI would, against the MLflow server of {@link MlflowServerExtension}, with the project's data and
 * the run's files under a test's temporary folder.
 */
public final class TestSweeps {
    private TestSweeps() {}

    /** Every trial of the spec's sweep under one parent run. */
    public static SweepRunner.Outcome sweep(SpecLoader.Resolved spec, Path tmp) {
        try (MlflowTracker tracker = new MlflowTracker(MlflowServerExtension.url())) {
            return runner(tracker, tmp).run(spec);
        }
    }

    /** One run of the spec as written (its sweep section ignored). */
    public static TrialRunner.Result single(SpecLoader.Resolved spec, Path tmp) {
        try (MlflowTracker tracker = new MlflowTracker(MlflowServerExtension.url())) {
            return runner(tracker, tmp).runOne(spec);
        }
    }

    private static SweepRunner runner(MlflowTracker tracker, Path tmp) {
        Path home = MlflowServerExtension.projectHome();
        return new SweepRunner(tracker, r -> TaskData.prepare(r, home, tmp), tmp);
    }
}
