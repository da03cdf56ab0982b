package org.polyhead.track;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A process that logs one run until it is stopped, for tests that stop it with a signal: {@code LoggingProcess URL
 * JOURNAL_ROOT EXPERIMENT} prints {@code run <id>} once the run exists and its first point is logged.
 */
public final class LoggingProcess {
    private LoggingProcess() {}

    public static void main(String[] args) throws InterruptedException {
        MlflowTracker tracker = new MlflowTracker(args[0], Path.of(args[1]), Duration.ofSeconds(30));
        TrackedRun run = tracker.startRun(args[2], "until-stopped", null, Map.of());
        for (long step = 0; ; step++) {
            run.logMetric("train_loss", 1.0 / (step + 1), step);
            if (step == 0) {
                System.out.println("run " + run.runId());
                System.out.flush();
            }
            Thread.sleep(10);
        }
    }
}
