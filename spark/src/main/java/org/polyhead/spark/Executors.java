package org.polyhead.spark;

import java.time.Duration;
import org.apache.spark.api.java.JavaSparkContext;
import org.polyhead.UserError;

/**
 * Waits for a cluster's first executor. Spark itself would wait forever for a job's resources (a worker that is down,
 * busy, or too small for {@code spark.executor.memory}); polyhead warns after 10 s and gives up after the timeout.
 */
final class Executors {
    private static final Duration WARN_AFTER = Duration.ofSeconds(10);

    private Executors() {}

    static void await(JavaSparkContext spark, String master, Duration timeout) {
        if (master.startsWith("local")) {
            return;  // the driver runs the tasks itself
        }
        long start = System.nanoTime();
        boolean warned = false;
        while (spark.statusTracker().getExecutorInfos().length < 2) {  // the driver counts as one
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (waited.compareTo(timeout) >= 0) {
                throw new UserError("no Spark executor registered with " + master + " within "
                        + timeout.toSeconds() + " s (--executor-timeout): is a worker running there with a free core "
                        + "and 2 GB of memory?");
            }
            if (!warned && waited.compareTo(WARN_AFTER) >= 0) {
                System.err.println("polyhead: waiting for a Spark executor at " + master + " ...");
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
