package org.polyhead.sweep;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ServiceLoader;
import org.polyhead.UserError;
import org.polyhead.run.TrialRunner;
import org.polyhead.spec.SpecLoader;
import org.polyhead.track.Tracker;

/**
 * Where a sweep's trials train when not in the sweep's own process, e.g. on a Spark cluster's executors (the
 * {@code spark} module, found through {@link ServiceLoader}). The sweep keeps the plan, the parent run and the resume
 * decisions: it creates (or picks) each trial's run, hands it off, and calls {@link #run}, from up to
 * {@link #parallelism} threads at once.
 */
public interface TrialExecutor extends AutoCloseable {

    /**
     * How long a sweep waits for a cluster's first executor by default ({@code --executor-timeout}): an executor's
     * first start, ND4J's native libraries included, has taken over a minute on a loaded 2-core machine.
     */
    Duration DEFAULT_EXECUTOR_TIMEOUT = Duration.ofMinutes(5);

    /** How many trials may train at once. */
    int parallelism();

    /**
     * Trains a trial in its existing run, continuing from the trial's last checkpoint and logging only the points the
     * run lacks; returns once the run has ended (a trial that cannot finish ends its run FAILED with the reason).
     */
    TrialRunner.Result run(SpecLoader.Resolved trial, Trial plan, String runId);

    /**
     * The folder where the trial of run {@code runId} wrote its artifacts and saved model ({@code model/}), as this
     * process reads it: the sweep logs the best trial's model from there ({@code tracking.log_model: best}).
     */
    Path runDir(String runId);

    @Override
    void close();

    /**
     * What {@code sweep --parallel N} and {@code --master URL} ask for.
     *
     * @param parallel        trials at once on polyhead's own one-machine cluster (ignored with {@code master})
     * @param master          a user's cluster ({@code spark://HOST:PORT}), or null for polyhead's own
     * @param checkpointDir   where trials keep checkpoints; every worker must reach it
     * @param executorTimeout how long to wait for the first executor before giving up
     * @param home            the project (data, models, the local cluster's state)
     * @param tracker         the sweep's tracker: its URI is where executors log, and it ends runs a cluster gave up
     */
    record Options(int parallel, String master, Path checkpointDir, Duration executorTimeout, Path home,
                   Tracker tracker) {}

    /** Opens an executor for the options; one implementation per cluster engine. */
    interface Factory {
        TrialExecutor open(Options options);
    }

    /** The installed engine's executor, or a one-line error saying how to get one. */
    static TrialExecutor open(Options options) {
        return ServiceLoader.load(Factory.class).findFirst().orElseThrow(() -> new UserError(
                        "--parallel and --master need the spark module on the class path: run them through ./polyhead "
                                + "(which builds spark/ and uses spark/target/spark-home/jars)"))
                .open(options);
    }
}
