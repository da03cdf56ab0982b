package org.polyhead.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.track.Journal;
import org.polyhead.track.JournalEntry;
import org.polyhead.track.LoggingProcess;
import org.polyhead.track.MlflowServer;
import org.polyhead.track.MlflowServerExtension;
import org.polyhead.track.MlflowTracker;
import org.polyhead.track.RunStatus;
import org.polyhead.track.ServerRestartTest;
import org.polyhead.track.TrackedRun;
import org.polyhead.track.Trackers;

/**
 * {@code polyhead sync} after the project's local server died in the middle of a run and came back on another port
 * (same backend store): the run's journal, left in {@code .polyhead/journal}, reaches MLflow whole and is removed.
 * With no journal at all, it still ends the runs whose process is gone.
 */
@Tag("integration")
class SyncCommandTest {
    private final StringWriter out = new StringWriter();

    @AfterEach
    void clearHome() {
        System.clearProperty("polyhead.home");
        System.clearProperty("polyhead.state");
    }

    private int run(String... args) {
        picocli.CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        return cl.execute(args);
    }

    @Test
    void withNoJournalSyncSaysSoAndStillEndsARunWhoseProcessIsGone(@TempDir Path home) throws Exception {
        Files.createSymbolicLink(home.resolve(".venv"), MlflowServerExtension.projectHome().resolve(".venv"));
        MlflowServer server = MlflowServer.ofProject(home);
        String url = server.start(0);
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LoggingProcess.class.getName(), url,
                    home.resolve("elsewhere").toString(), "orphan").redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertTrue(line != null && line.startsWith("run "), "the process started its run: " + line);
            String orphan = line.substring(4);
            p.destroyForcibly().waitFor();
            MlflowClient client = new MlflowClient(url);
            assertEquals(Service.RunStatus.RUNNING, client.getRun(orphan).getInfo().getStatus(), "killed with -9");
            Path root = Trackers.journalRoot(home);
            assertEquals(List.of(), Journal.runs(root), "this project has no journal");
            System.setProperty("polyhead.home", home.toString());
            assertEquals(0, run("sync"), out.toString());
            assertEquals(List.of("nothing to sync: no journal under " + root,
                    "ended as KILLED: 1 run(s) whose process is gone: [" + orphan + "]"),
                    out.toString().lines().toList());
            assertEquals(Service.RunStatus.KILLED, client.getRun(orphan).getInfo().getStatus());
        } finally {
            server.stop();
        }
    }

    @Test
    void syncSendsARunJournaledWhileTheServerWasDownToItsNewAddress(@TempDir Path home) throws Exception {
        Files.createSymbolicLink(home.resolve(".venv"), MlflowServerExtension.projectHome().resolve(".venv"));
        MlflowServer server = MlflowServer.ofProject(home);
        String url = server.start(0);
        String runId;
        try (MlflowTracker tracker = new MlflowTracker(url, Trackers.journalRoot(home), Duration.ofSeconds(1))) {
            TrackedRun run = tracker.startRun("sync-test", "interrupted", null, Map.of());
            runId = run.runId();
            for (int step = 0; step < ServerRestartTest.STEPS; step++) {
                if (step == 150) {
                    server.stop();
                }
                run.logMetrics(Map.of("train_loss", ServerRestartTest.loss(step), "lr", step * 1e-5), step);
            }
            run.setTag("polyhead.note", "written while the server was down");
            run.end(RunStatus.FINISHED);
        }
        assertEquals(List.of(runId), Journal.runs(Trackers.journalRoot(home)), "what MLflow lacks stays journaled");
        String moved = server.start(0);
        try {
            System.setProperty("polyhead.home", home.toString());
            assertEquals(0, run("sync"), out.toString());
            assertTrue(out.toString().matches("synced \\d+ entries of 1 run\\(s\\) to " + moved + "\\s*"), out.toString());
            ServerRestartTest.assertEveryPointOnce(moved, runId);
            Service.Run run = new MlflowClient(moved).getRun(runId);
            assertEquals(Service.RunStatus.FINISHED, run.getInfo().getStatus());
            assertTrue(run.getData().getTagsList().stream().anyMatch(t -> t.getKey().equals("polyhead.note")));
        } finally {
            server.stop();
        }
        assertEquals(List.of(), Journal.runs(Trackers.journalRoot(home)), "a delivered journal is removed");
    }

    @Test
    void syncCountsWhatTheServerAcknowledgedAndKeepsARefusedEntryWithItsReason(@TempDir Path home) throws Exception {
        Files.createSymbolicLink(home.resolve(".venv"), MlflowServerExtension.projectHome().resolve(".venv"));
        MlflowServer server = MlflowServer.ofProject(home);
        String url = server.start(0);
        Path root = Trackers.journalRoot(home);
        try {
            String runId;
            try (MlflowTracker tracker = new MlflowTracker(url, root, Duration.ofSeconds(30))) {
                TrackedRun run = tracker.startRun("sync-test", "refused", null, Map.of());
                runId = run.runId();
                run.logParams(Map.of("training.lr", "0.001"));
                run.logParams(Map.of("training.lr", "0.002"));
                run.end(RunStatus.FINISHED);
            }
            try (Journal later = Journal.open(root, runId).orElseThrow()) {  // points a later process could not send
                for (int step = 0; step < 10; step++) {
                    later.append(JournalEntry.Kind.METRIC, "late", null, (double) step, (long) step, 5000L + step);
                }
            }
            System.setProperty("polyhead.home", home.toString());
            assertEquals(1, run("sync"), out.toString());
            List<String> lines = out.toString().lines().toList();
            assertEquals("synced 10 entries of 1 run(s) to " + url, lines.get(0));
            assertTrue(lines.get(1).startsWith("kept: 1 entries in " + root.resolve(runId) + " (1 refused: HTTP 400"),
                    lines.get(1));
            assertTrue(lines.get(1).contains("INVALID_PARAMETER_VALUE"), lines.get(1));
            assertEquals(10, new MlflowClient(url).getMetricHistory(runId, "late").size());
        } finally {
            server.stop();
        }
    }

    @Test
    void polyheadStateMovesTheJournalAndTheLocalServerOutOfTheProject(@TempDir Path tmp) throws Exception {
        Path home = Files.createDirectories(tmp.resolve("project"));
        Path state = tmp.resolve("elsewhere");
        Files.createSymbolicLink(home.resolve(".venv"), MlflowServerExtension.projectHome().resolve(".venv"));
        System.setProperty("polyhead.home", home.toString());
        System.setProperty("polyhead.state", state.toString());
        MlflowServer server = MlflowServer.ofProject(home);
        String url = server.start(0);
        try {
            assertTrue(Files.exists(state.resolve("mlflow.db")), "the server's store is in the state folder");
            MlflowClient client = new MlflowClient(url);
            String runId = client.createRun(client.createExperiment("moved")).getRunId();
            assertEquals(state.resolve("journal"), Trackers.journalRoot(home));
            try (Journal left = Journal.open(state.resolve("journal"), runId).orElseThrow()) {
                left.append(JournalEntry.Kind.METRIC, "train_loss", null, 0.5, 0L, 1000L);
            }
            assertEquals(0, run("sync"), out.toString());
            assertTrue(out.toString().startsWith("synced 1 entries of 1 run(s) to " + url), out.toString());
            assertEquals(1, client.getMetricHistory(runId, "train_loss").size());
            assertFalse(Files.exists(home.resolve(".polyhead")), "nothing written under the project");
        } finally {
            server.stop();
        }
    }
}
