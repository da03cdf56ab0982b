package org.polyhead.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.report.TrackedRuns;
import org.polyhead.task.TaskData;
import org.polyhead.run.TrialRunner;
import org.polyhead.spec.SpecLoader;
import org.polyhead.track.MlflowServerExtension;
import org.polyhead.track.MlflowTracker;
import org.polyhead.track.RunStatus;

/**
 * Two processes sweeping one spec in one folder never train the same trial at once: while another real process
 * holds the trial's checkpoint lock, the sweep (tracked in a real MLflow server) creates no run for that trial; once
 * the lock is released it trains the trial to the end.
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class TrialLockIntegrationTest {
    private static final String SPEC = """
            name: %s
            data: {name: sotu, max_records: 80, validation: 0.25, max_length: 16}
            encoder: {layers: 1, hidden: 16, heads: 2, intermediate: 32}
            groups: [{name: party}, {name: era}]
            training: {epochs: 1, batch_size: 16, lr: 0.003, seed: 6}
            sweep: {grid: {loss.pi: [0.5]}}
            """;

    @Test
    void aTrialLockedByAnotherProcessWaitsForIt(@TempDir Path tmp) throws Exception {
        String experiment = "trial-lock-" + System.nanoTime();
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("spec.yaml"),
                SPEC.formatted(experiment)), List.of());
        Path checkpoint = new TrialRunner(tmp).checkpointOf(spec.with(java.util.Map.of("loss.pi", 0.5)));
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), checkpoint.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            Path home = MlflowServerExtension.projectHome();
            CompletableFuture<SweepRunner.Outcome> sweep = CompletableFuture.supplyAsync(() -> {
                try (MlflowTracker tracker = new MlflowTracker(MlflowServerExtension.url())) {
                    return new SweepRunner(tracker, r -> TaskData.prepare(r, home, tmp), tmp).run(spec);
                }
            });
            MlflowClient client = new MlflowClient(MlflowServerExtension.url());
            while (runs(client, experiment, "parent").isEmpty()) {
                assertFalse(sweep.isDone(), "the sweep waits instead of ending");
                Thread.sleep(200);
            }
            Thread.sleep(5_000);
            assertEquals(List.of(), runs(client, experiment, "child"), "no run for a trial another process trains");
            assertFalse(sweep.isDone());
            holder.getOutputStream().close();
            SweepRunner.Outcome outcome = sweep.get(5, TimeUnit.MINUTES);
            assertEquals(RunStatus.FINISHED, outcome.results().get(0).status());
            assertEquals(1, runs(client, experiment, "child").size());
        } finally {
            holder.destroy();
        }
    }

    private static List<TrackedRuns.RunRow> runs(MlflowClient client, String experiment, String role) {
        if (client.getExperimentByName(experiment).isEmpty()) {
            return List.of();
        }
        return TrackedRuns.search(client, experiment, "tags.`polyhead.sweep` = '" + role + "'");
    }
}
