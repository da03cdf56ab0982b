package org.polyhead.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.polyhead.spec.SpecLoader;
import org.polyhead.sweep.SweepRunner;
import org.polyhead.task.TaskData;
import org.polyhead.track.MlflowTracker;
import org.polyhead.track.Trackers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code polyhead sweep SPEC}: every trial of the spec's sweep under one parent run. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a spec's sweep (grid and random search over any key) as one parent run with a child run per trial.")
public final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "experiment spec (YAML)")
    Path spec;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override any spec key, e.g. --set training.epochs=1")
    List<String> sets = new ArrayList<>();

    @Option(names = "--resume", description = "skip trials already FINISHED (same config hash), continue interrupted ones "
            + "from their last checkpoint")
    boolean resume;

    @Override
    public Integer call() {
        SweepRunner.Outcome outcome = run(SpecLoader.load(spec, sets), resume);
        long failed = outcome.results().stream().filter(r -> r.failure() != null).count();
        System.out.printf("sweep %s: %d trials (%d failed) in experiment '%s'%n", outcome.parentRunId(),
                outcome.results().size(), failed, outcome.experiment());
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
