package org.polyhead.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;

/**
 * A real process logging a run to a real MLflow server is stopped: by SIGTERM or SIGINT its shutdown hook ends the
 * run as KILLED with the reason and delivers its journal; by SIGKILL (no hook runs) the run stays RUNNING until
 * {@link OrphanRuns} (run by {@code polyhead sync}) sees that the process named in its tags is gone and ends it.
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class StoppedProcessIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalEndsTheRunAsKilledAndFlushesItsJournal(String signal, @TempDir Path journal) throws Exception {
        Process p = start(journal, "signal-" + signal);
        String runId = runIdOf(p);
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process exits");
        Service.Run run = client().getRun(runId);
        assertEquals(Service.RunStatus.KILLED, run.getInfo().getStatus());
        assertEquals("stopped by a signal (SIGINT or SIGTERM)", tag(run, "polyhead.failure"));
        assertEquals(Long.toString(p.pid()), tag(run, "polyhead.pid"));
        assertFalse(client().getMetricHistory(runId, "train_loss").isEmpty());
        assertEquals(List.of(), Journal.runs(journal), "the journal was delivered");
    }

    @Test
    void syncEndsARunWhoseProcessWasKilledAndLeavesALiveOneRunning(@TempDir Path journal) throws Exception {
        Process p = start(journal, "sigkill");
        String orphan = runIdOf(p);
        p.destroyForcibly().waitFor();
        assertEquals(Service.RunStatus.RUNNING, client().getRun(orphan).getInfo().getStatus(), "no hook ran");
        try (MlflowTracker tracker = new MlflowTracker(MlflowServerExtension.url(), journal, Duration.ofSeconds(30))) {
            TrackedRun mine = tracker.startRun("sigkill", "alive", null, Map.of());
            List<String> closed = OrphanRuns.close(tracker);
            assertTrue(closed.contains(orphan), closed.toString());
            assertFalse(closed.contains(mine.runId()), "this process is alive");
            Service.Run run = client().getRun(orphan);
            assertEquals(Service.RunStatus.KILLED, run.getInfo().getStatus());
            assertEquals("process " + p.pid() + " on " + tag(run, "polyhead.host") + " ended without ending the run",
                    tag(run, "polyhead.failure"));
            assertEquals(Service.RunStatus.RUNNING, client().getRun(mine.runId()).getInfo().getStatus());
            mine.end(RunStatus.FINISHED);
        }
    }

    private static Process start(Path journal, String experiment) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LoggingProcess.class.getName(),
                MlflowServerExtension.url(), journal.toString(), experiment)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String runIdOf(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null && line.startsWith("run "), "the process started its run: " + line);
        return line.substring(4);
    }

    private static String tag(Service.Run run, String key) {
        return run.getData().getTagsList().stream().filter(t -> t.getKey().equals(key)).findFirst().orElseThrow()
                .getValue();
    }

    private static MlflowClient client() {
        return new MlflowClient(MlflowServerExtension.url());
    }
}
