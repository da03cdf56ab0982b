package org.polyhead.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.polyhead.UserError;
import org.polyhead.sweep.TrialExecutor;

/**
 * Waiting for a cluster's first executor: quiet at first, one warning, then one line naming {@code --executor-timeout}.
 * Only lower bounds of time are asserted, so a loaded machine makes these tests slower, never red.
 */
class ExecutorsTest {
    private static final String MASTER = "spark://127.0.0.1:7077";

    @Test
    void noExecutorWarnsOnceThenFailsWithOneLineNamingTheTimeout() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        UserError e = assertThrows(UserError.class, () -> Executors.await(() -> 0, () -> false, MASTER,
                Duration.ofMillis(300), Duration.ofSeconds(1), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(System.nanoTime() - start >= Duration.ofSeconds(1).toNanos(), "waited the whole timeout");
        assertEquals("no Spark executor registered with " + MASTER + " within 1 s (--executor-timeout): is a worker "
                + "running there with a free core and 2 GB of memory?", e.getMessage());
        String warned = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, warned.lines().count(), "one warning: " + warned);
        assertTrue(warned.startsWith("polyhead: no Spark executor has registered with " + MASTER + " after "), warned);
        assertTrue(warned.contains("waiting up to 1 s (--executor-timeout)"), warned);
    }

    @Test
    void anExecutorThatRegistersEndsTheWaitWithoutAWarning() {
        AtomicInteger polls = new AtomicInteger();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertDoesNotThrow(() -> Executors.await(() -> polls.incrementAndGet() < 3 ? 0 : 1, () -> false, MASTER,
                Duration.ofMinutes(1), Duration.ofMinutes(10), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anApplicationTheMasterEndedFailsAtOnceNamingTheDriversSparkVersion() {
        UserError e = assertThrows(UserError.class, () -> Executors.await(() -> 0, () -> true, MASTER,
                Duration.ofMinutes(1), Duration.ofMinutes(10), System.err));
        assertEquals("the Spark master at " + MASTER + " ended polyhead's application before an executor registered: "
                + "is it running Spark " + SparkVersions.running() + "? (see its log)", e.getMessage());
    }

    /** A loaded 2-core machine has taken over a minute to start an executor: the default must leave room for that. */
    @Test
    void theDefaultTimeoutOutlastsTheWarningByMinutes() {
        assertTrue(TrialExecutor.DEFAULT_EXECUTOR_TIMEOUT.compareTo(Executors.WARN_AFTER.multipliedBy(4)) >= 0,
                TrialExecutor.DEFAULT_EXECUTOR_TIMEOUT.toString());
    }
}
