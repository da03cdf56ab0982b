package org.polyhead.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.report.TrackedRuns;
import org.polyhead.task.TaskData;
import org.polyhead.run.TrialRunner;
import org.polyhead.spec.SpecLoader;
import org.polyhead.track.Journal;
import org.polyhead.track.MlflowServer;
import org.polyhead.track.MlflowServerExtension;
import org.polyhead.track.MlflowTracker;
import org.polyhead.track.RunStatus;

/**
 * A real MLflow server goes away during the first trial of a two-trial sweep and stays away past the drain timeout:
 * the first trial trains on (its journal holds everything), the second trial, whose run cannot be created, is
 * recorded as failed with the reason, and the sweep returns instead of aborting. Once the server is back, the
 * journals arrive and no run is left RUNNING.
 */
@Tag("integration")
class SweepOutageIntegrationTest {
    private static final String SPEC = """
            name: sweep-outage
            data: {name: sotu, max_records: 320, validation: 0.25, max_length: 24}
            encoder: {layers: 1, hidden: 16, heads: 2, intermediate: 32}
            groups: [{name: party}, {name: era}]
            training: {epochs: 2, batch_size: 16, lr: 0.003, seed: 4}
            sweep: {grid: {loss.pi: [0.3, 0.7]}}
            """;

    @Test
    void aTrialWhoseRunCannotBeCreatedIsRecordedAsFailedAndTheSweepGoesOn(@TempDir Path tmp) throws Exception {
        Path home = MlflowServerExtension.projectHome();
        MlflowServer server = new MlflowServer(home, tmp.resolve("state"));
        String url = server.start(0);
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("spec.yaml"), SPEC), List.of());
        MlflowClient client = new MlflowClient(url);
        Path journal = tmp.resolve("journal");
        AtomicBoolean stopped = new AtomicBoolean();
        Thread outage = new Thread(() -> {
            while (!stopped.get()) {
                List<String> runs = Journal.runs(journal);  // the parent, then the first trial
                if (runs.size() == 2
                        && runs.stream().anyMatch(r -> !client.getMetricHistory(r, "train_loss").isEmpty())) {
                    stopped.set(server.stop());
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            outage.start();
            SweepRunner.Outcome outcome;
            try (MlflowTracker tracker = new MlflowTracker(url, journal, Duration.ofSeconds(4))) {
                outcome = new SweepRunner(tracker, r -> TaskData.prepare(r, home, tmp), tmp).run(spec);
            }
            outage.join(60_000);
            assertTrue(stopped.get(), "the server was stopped during the first trial");
            List<TrialRunner.Result> results = outcome.results();
            assertEquals(2, results.size(), "the sweep went on to its second trial");
            assertEquals(RunStatus.FINISHED, results.get(0).status());
            assertEquals(RunStatus.FAILED, results.get(1).status());
            assertNull(results.get(1).runId(), "no run could be created");
            assertTrue(results.get(1).failure().contains("cannot start run 'pi=0.7'"), results.get(1).failure());

            assertEquals(url, server.start(port));
            try (MlflowTracker later = new MlflowTracker(url, journal, Duration.ofSeconds(120))) {
                assertEquals(0, later.replayed().left(), "everything journaled arrived");
            }
            List<TrackedRuns.RunRow> runs = TrackedRuns.search(client, "sweep-outage", "");
            assertEquals(2, runs.size(), "the parent and the first trial");
            assertEquals(List.of("FINISHED", "FINISHED"), runs.stream().map(TrackedRuns.RunRow::status).toList());
            assertEquals(2 * 15, client.getMetricHistory(results.get(0).runId(), "train_loss").size(),
                    "every step of the first trial, once");
        } finally {
            outage.interrupt();
            server.stop();
        }
    }
}
