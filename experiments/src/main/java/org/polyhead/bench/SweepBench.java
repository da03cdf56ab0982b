package org.polyhead.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.polyhead.spec.SpecLoader;
import org.polyhead.sweep.SweepPlan;
import org.polyhead.sweep.SweepRunner;
import org.polyhead.sweep.Trial;
import org.polyhead.sweep.TrialExecutor;
import org.polyhead.task.PreparedData;
import org.polyhead.track.MlflowTracker;

/**
 * {@code polyhead bench --sweep}: one sweep run twice, one trial after another in this process and then at
 * {@code --parallel N} on polyhead's own Spark cluster (started or reused, as {@code sweep --parallel N} does), each
 * timed by the wall clock, with both sweeps' per-trial metrics (which must be equal) in a {@link SweepBenchReport}.
 * The parallel time includes starting (or reusing) the cluster and waiting for its executors, as a user's sweep
 * does; that part is also reported alone.
 */
public final class SweepBench {
    /** The spec measured, relative to the project: the quickstart. */
    public static final String SPEC = "experiments/specs/quickstart.yaml";
    /** Four π values instead of the quickstart's three, in an experiment of its own. */
    public static final List<String> OVERRIDES = List.of("sweep={grid: {loss.pi: [0.0, 0.25, 0.75, 1.0]}}",
            "tracking.experiment=bench-sweep");

    private final Path home;
    private final MlflowTracker tracker;
    private final Function<SpecLoader.Resolved, PreparedData> prepare;
    private final Path workDir;

    /**
     * @param home    the project (the spec, the local cluster's state, the shared checkpoint folder)
     * @param tracker where both sweeps log
     * @param prepare the sweeps' data preparation
     * @param workDir the in-process sweep's work folder
     */
    public SweepBench(Path home, MlflowTracker tracker, Function<SpecLoader.Resolved, PreparedData> prepare,
                      Path workDir) {
        this.home = home;
        this.tracker = tracker;
        this.prepare = prepare;
        this.workDir = workDir;
    }

    /** The measured sweep: {@link #SPEC} with {@link #OVERRIDES}, then {@code extra} (e.g. a smaller one to try). */
    public static SpecLoader.Resolved spec(Path home, List<String> extra) {
        return SpecLoader.load(home.resolve(SPEC), overrides(extra));
    }

    private static List<String> overrides(List<String> extra) {
        return Stream.concat(OVERRIDES.stream(), extra.stream()).toList();
    }

    /**
     * Runs the sweep in this process, then at {@code parallel} trials at once; returns both, measured.
     *
     * @param extra overrides after {@link #OVERRIDES} ({@code bench --sweep --set k=v}), kept in the report
     */
    public SweepBenchReport measure(int parallel, List<String> extra, String command) {
        SpecLoader.Resolved spec = spec(home, extra);
        List<String> names = SweepPlan.trials(spec.spec().sweep()).stream().map(Trial::name).toList();
        SweepBenchReport report = new SweepBenchReport(command, SPEC, overrides(extra), parallel);
        System.err.println("polyhead: bench --sweep: " + names.size() + " trials, one after another ...");
        long start = System.nanoTime();
        SweepRunner.Outcome sequential = new SweepRunner(tracker, prepare, workDir).run(spec);
        report.sequential(seconds(start), 0, sequential);
        System.err.println("polyhead: bench --sweep: " + names.size() + " trials, " + parallel + " at once ...");
        start = System.nanoTime();
        SweepRunner.Outcome onCluster;
        double connect;
        try (TrialExecutor executor = TrialExecutor.open(new TrialExecutor.Options(parallel, null,
                home.resolve(".polyhead/spark/checkpoints"), TrialExecutor.DEFAULT_EXECUTOR_TIMEOUT, home, tracker))) {
            connect = seconds(start);
            onCluster = new SweepRunner(tracker, prepare, workDir).on(executor).run(spec);
        }
        report.parallel(seconds(start), connect, onCluster);
        report.trials(names, sequential, onCluster);
        return report;
    }

    private static double seconds(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0;
    }
}
