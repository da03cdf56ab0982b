package org.polyhead.cli;

import java.util.concurrent.Callable;
import org.polyhead.spec.SpecLoader;
import org.polyhead.sweep.SweepRunner;
import org.polyhead.task.TaskData;
import org.polyhead.track.MlflowTracker;
import org.polyhead.track.Trackers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code polyhead sweep SPEC}: every trial of the spec's sweep under one parent run. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a spec's sweep (grid and random search over any key) as one parent run with a child run per trial.")
public final class SweepCommand implements Callable<Integer> {
    @Mixin
    SpecOptions options;

    @Option(names = "--resume", description = "skip trials already FINISHED (same config hash), continue interrupted ones "
            + "from their last checkpoint")
    boolean resume;

    @Override
    public Integer call() {
        SpecLoader.Resolved resolved = options.load();
        if (options.look(resolved, true)) {
            return 0;
        }
        SweepRunner.Outcome outcome;
        try (MlflowTracker tracker = options.tracker()) {
            outcome = runner(tracker, resume).run(resolved);
        }
        long failed = outcome.results().stream().filter(r -> r.failure() != null).count();
        System.out.printf("sweep %s: %d trials (%d failed) in experiment '%s'%n", outcome.parentRunId(),
                outcome.results().size(), failed, outcome.experiment());
        System.out.println("MLflow UI: " + outcome.link());
        if (failed > 0) {
            System.err.printf("polyhead: %d of %d trials failed%n", failed, outcome.results().size());
        }
        return failed > 0 ? 1 : 0;
    }

    static SweepRunner.Outcome run(SpecLoader.Resolved resolved) {
        return run(resolved, false);
    }

    static SweepRunner.Outcome run(SpecLoader.Resolved resolved, boolean resume) {
        try (MlflowTracker tracker = Trackers.fromEnvironment(Home.path())) {
            return runner(tracker, resume).run(resolved);
        }
    }

    static SweepRunner runner(MlflowTracker tracker, boolean resume) {
        return new SweepRunner(tracker, r -> TaskData.prepare(r, Home.path(), Home.work()), Home.work(), resume);
    }
}
