package org.polyhead.spark;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.polyhead.UserError;
import org.polyhead.sweep.TrialExecutor;

/**
 * Waits for a cluster's first executor. Spark itself would wait forever for a job's resources (a worker that is down,
 * busy, or too small for {@code spark.executor.memory}); polyhead warns after {@link #WARN_AFTER} and gives up with
 * one line after {@code --executor-timeout} ({@link TrialExecutor#DEFAULT_EXECUTOR_TIMEOUT} unless set).
 */
final class Executors {
    /** How long polyhead waits quietly: an executor usually registers well within it. */
    static final Duration WARN_AFTER = Duration.ofSeconds(60);

    private Executors() {}

    static void await(JavaSparkContext spark, String master, Duration timeout) {
        if (master.startsWith("local")) {
            return;  // the driver runs the tasks itself
        }
        // the driver counts as one executor
        await(() -> spark.statusTracker().getExecutorInfos().length - 1, spark.sc()::isStopped, master, WARN_AFTER,
                timeout, System.err);
    }

    /**
     * Polls {@code registered} until it is positive: warns once on {@code err} after {@code warnAfter}, fails with one
     * line after {@code timeout}, or at once when the application was stopped (the master refused or dropped it).
     */
    static void await(IntSupplier registered, BooleanSupplier stopped, String master, Duration warnAfter,
                      Duration timeout, PrintStream err) {
        long start = System.nanoTime();
        boolean warned = false;
        while (registered.getAsInt() < 1) {
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (stopped.getAsBoolean()) {
                throw new UserError("the Spark master at " + master + " ended polyhead's application before an "
                        + "executor registered: is it running Spark " + SparkVersions.running() + "? (see its log)");
            }
            if (waited.compareTo(timeout) >= 0) {
                throw new UserError("no Spark executor registered with " + master + " within "
                        + timeout.toSeconds() + " s (--executor-timeout): is a worker running there with a free core "
                        + "and 2 GB of memory?");
            }
            if (!warned && waited.compareTo(warnAfter) >= 0) {
                err.println("polyhead: no Spark executor has registered with " + master + " after "
                        + waited.toSeconds() + " s; waiting up to " + timeout.toSeconds() + " s (--executor-timeout)");
                warned = true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("interrupted while waiting for a Spark executor at " + master);
            }
        }
    }
}
