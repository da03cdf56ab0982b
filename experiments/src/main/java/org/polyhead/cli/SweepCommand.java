package org.polyhead.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.polyhead.UserError;
import org.polyhead.spec.SpecLoader;
import org.polyhead.sweep.SweepRunner;
import org.polyhead.sweep.TrialExecutor;
import org.polyhead.task.PreparedData;
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

    @Option(names = "--parallel", paramLabel = "N", description = "trials at once on polyhead's own Spark cluster on "
            + "127.0.0.1 (started or reused); 1 (default) trains them one after another in this process")
    int parallel = 1;

    @Option(names = "--master", paramLabel = "spark://HOST:PORT", description = "run the trials on this Spark "
            + "standalone cluster instead")
    String master;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "trial checkpoints on a cluster, on storage "
            + "every worker reaches (default: .polyhead/spark/checkpoints)")
    Path checkpointDir;

    @Option(names = "--executor-timeout", paramLabel = "SECONDS", description = "give up when no Spark executor has "
            + "registered after this long (default: ${DEFAULT-VALUE})")
    int executorTimeout = (int) TrialExecutor.DEFAULT_EXECUTOR_TIMEOUT.toSeconds();

    @Override
    public Integer call() {
        if (parallel < 1) {
            throw new UserError("--parallel: must be at least 1, got " + parallel);
        }
        SpecLoader.Resolved resolved = options.load();
        if (options.look(resolved, true)) {
            return 0;
        }
        SweepRunner.Outcome outcome;
        try (MlflowTracker tracker = options.tracker()) {
            outcome = parallel == 1 && master == null ? runner(tracker, resume).run(resolved)
                    : onCluster(tracker, resolved);
        }
        return summarize(outcome, System.out, System.err);
    }

    /**
     * Prints the sweep's summary line and its UI link; returns the exit status: 1, saying how many trials failed, when
     * any did (on a cluster too, where a trial Spark gave up on is FAILED), else 0.
     */
    public static int summarize(SweepRunner.Outcome outcome, PrintStream out, PrintStream err) {
        long failed = outcome.results().stream().filter(r -> r.failure() != null).count();
        out.printf("sweep %s: %d trials (%d failed) in experiment '%s'%n", outcome.parentRunId(),
                outcome.results().size(), failed, outcome.experiment());
        out.println(uiLine(outcome));
        if (failed > 0) {
            err.printf("polyhead: %d of %d trials failed%n", failed, outcome.results().size());
        }
        return failed > 0 ? 1 : 0;
    }

    private SweepRunner.Outcome onCluster(MlflowTracker tracker, SpecLoader.Resolved resolved) {
        Path checkpoints = checkpointDir != null ? checkpointDir.toAbsolutePath()
                : Home.path().resolve(".polyhead/spark/checkpoints");
        try (TrialExecutor executor = TrialExecutor.open(new TrialExecutor.Options(parallel, master, checkpoints,
                Duration.ofSeconds(executorTimeout), Home.path(), tracker))) {
            return runner(tracker, resume).on(executor).run(resolved);
        }
    }

    /** The line that points at the sweep's parent run in the MLflow UI (also printed by {@code paper}). */
    static String uiLine(SweepRunner.Outcome outcome) {
        return "MLflow UI: " + outcome.link();
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
        return new SweepRunner(tracker, SweepCommand::prepare, Home.work(), resume);
    }

    /** A trial's data, from the project's data and caches. */
    static PreparedData prepare(SpecLoader.Resolved resolved) {
        return TaskData.prepare(resolved, Home.path(), Home.work());
    }
}
