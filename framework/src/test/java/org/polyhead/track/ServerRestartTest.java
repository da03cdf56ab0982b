package org.polyhead.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;

/**
 * Nothing is lost when the tracking server goes away in the middle of a run: a real MLflow server (its own sqlite
 * store) is stopped while a run logs and started again on the same port and backend store; the running tracker catches
 * up by itself, and MLflow holds every metric point exactly once. (A restart on a new address, replayed by
 * {@code polyhead sync}, is {@code SyncCommandTest}.)
 */
@Tag("integration")
public class ServerRestartTest {
    public static final int STEPS = 300;

    @Test
    void aServerRestartedOnTheSamePortGetsEveryPointOnceFromTheRunningTracker(@TempDir Path tmp) throws Exception {
        MlflowServer server = new MlflowServer(MlflowServerExtension.projectHome(), tmp.resolve("state"));
        String url = server.start(0);
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        try (MlflowTracker tracker = new MlflowTracker(url, tmp.resolve("journal"), Duration.ofSeconds(90))) {
            TrackedRun run = tracker.startRun("restart", "same-port", null, Map.of("polyhead.sweep", "single"));
            run.logParams(Map.of("training.lr", "0.001"));
            long slowest = 0;
            for (int step = 0; step < STEPS; step++) {
                if (step == 100) {
                    assertTrue(server.stop());
                }
                if (step == 200) {
                    assertEquals(url, server.start(port));
                }
                long t0 = System.nanoTime();
                run.logMetrics(Map.of("train_loss", loss(step), "lr", step * 1e-5), step);
                slowest = Math.max(slowest, System.nanoTime() - t0);
                Thread.sleep(2);
            }
            run.logArtifact(Files.writeString(tmp.resolve("notes.txt"), "after the restart"), "");
            run.end(RunStatus.FINISHED);
            assertTrue(slowest < 200_000_000L, "logging never waits on the server: slowest call " + slowest / 1e6 + " ms");
            assertEveryPointOnce(url, run.runId());
            assertEquals("after the restart", MlflowTrackerTest.get(url, "/api/2.0/mlflow-artifacts/artifacts/"
                    + run.experimentId() + "/" + run.runId() + "/artifacts/notes.txt"));
        } finally {
            server.stop();
        }
        assertEquals(List.of(), Journal.runs(tmp.resolve("journal")), "a delivered journal is removed");
    }

    public static double loss(int step) {
        return 1.0 / (step + 1);
    }

    public static void assertEveryPointOnce(String url, String runId) {
        MlflowClient client = new MlflowClient(url);
        for (String metric : List.of("train_loss", "lr")) {
            List<Service.Metric> history = client.getMetricHistory(runId, metric);
            Map<Long, Double> byStep = new TreeMap<>();
            history.forEach(m -> byStep.put(m.getStep(), m.getValue()));
            assertEquals(STEPS, history.size(), metric + ": one point per step, none lost, none twice");
            assertEquals(STEPS, byStep.size());
            for (int step = 0; step < STEPS; step++) {
                double want = metric.equals("lr") ? step * 1e-5 : loss(step);
                assertEquals(want, byStep.get((long) step), 1e-12, metric + " at step " + step);
            }
        }
    }
}
