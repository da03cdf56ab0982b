package org.polyhead.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.run.TrialRunner;
import org.polyhead.spec.SpecLoader;
import org.polyhead.task.TaskData;
import org.polyhead.track.Journal;
import org.polyhead.track.MlflowServer;
import org.polyhead.track.MlflowServerExtension;
import org.polyhead.track.MlflowTracker;

/**
 * A real training run whose tracking server is stopped as soon as the first training loss reaches it and started
 * again (same port, same store) a few seconds later: the run still ends with every step's loss, every epoch's
 * validation metrics and its artifacts in MLflow, each point once.
 */
@Tag("integration")
class TrackingOutageIntegrationTest {
    private static final String SPEC = """
            name: outage-it
            data: {name: sotu, max_records: 320, validation: 0.25, max_length: 24}
            encoder: {layers: 1, hidden: 16, heads: 2, intermediate: 32}
            groups: [{name: party}, {name: era}]
            training: {epochs: 3, batch_size: 16, lr: 0.003, seed: 4}
            """;

    @Test
    void aServerStoppedAndRestartedDuringTrainingLosesNothing(@TempDir Path tmp) throws Exception {
        Path home = MlflowServerExtension.projectHome();
        MlflowServer server = new MlflowServer(home, tmp.resolve("state"));
        String url = server.start(0);
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("spec.yaml"), SPEC), List.of());
        MlflowClient client = new MlflowClient(url);
        AtomicLong stoppedAt = new AtomicLong();
        Path journal = tmp.resolve("journal");
        Thread outage = new Thread(() -> {
            try {
                while (stoppedAt.get() == 0) {
                    Thread.sleep(50);
                    List<String> runs = Journal.runs(journal);  // the run being logged
                    if (!runs.isEmpty() && !client.getMetricHistory(runs.get(0), "train_loss").isEmpty()) {
                        server.stop();
                        stoppedAt.set(System.currentTimeMillis());
                    }
                }
                Thread.sleep(3_000);
                server.start(port);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        TrialRunner.Result result;
        try {
            outage.start();
            try (MlflowTracker tracker = new MlflowTracker(url, journal, Duration.ofSeconds(180))) {
                result = new SweepRunner(tracker, r -> TaskData.prepare(r, home, tmp), tmp).runOne(spec);
            }
            outage.join(180_000);
            assertTrue(stoppedAt.get() > 0, "the server was stopped");
            Service.Run run = client.getRun(result.runId());
            assertTrue(run.getInfo().getEndTime() > stoppedAt.get(), "the outage fell inside the run");
            assertEquals(Service.RunStatus.FINISHED, run.getInfo().getStatus());
            int steps = 3 * (int) Math.ceil(240 / 16.0);
            var loss = client.getMetricHistory(result.runId(), "train_loss");
            assertEquals(steps, loss.size(), "every step's loss, once");
            assertEquals(steps, loss.stream().map(Service.Metric::getStep).distinct().count());
            assertEquals(3, client.getMetricHistory(result.runId(), "val_acc_party").size());
            String list = SweepIntegrationTest.get(url, "/api/2.0/mlflow/artifacts/list?run_id=" + result.runId());
            for (String artifact : List.of("config.yaml", "metrics.csv", "confusion.json", "predictions.jsonl")) {
                assertTrue(list.contains("\"" + artifact + "\""), artifact + " in " + list);
            }
            assertEquals(List.of(), Journal.runs(journal), "the journal was delivered and removed");
        } finally {
            outage.interrupt();
            server.stop();
        }
    }
}
