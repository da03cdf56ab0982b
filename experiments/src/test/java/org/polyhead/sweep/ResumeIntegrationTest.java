package org.polyhead.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.report.TrackedRuns;
import org.polyhead.spec.SpecLoader;
import org.polyhead.task.TaskData;
import org.polyhead.track.MlflowServerExtension;
import org.polyhead.track.MlflowTracker;

/**
 * Kills a real {@code polyhead sweep} process in the middle of its second trial, then runs {@code --resume}: the
 * finished trial is skipped, the interrupted one continues from its last checkpoint in its own run, and only the
 * missing trial starts anew; and every trial's curves equal, bit for bit, those of the same sweep run without a kill
 * (CPU, one OpenMP thread in both processes).
 */
@ExtendWith(MlflowServerExtension.class)
@Tag("integration")
class ResumeIntegrationTest {
    private static final String SPEC = """
            name: resume-it-%d
            data: {name: sotu, max_records: 400, validation: 0.2, max_length: 24}
            encoder: {layers: 1, hidden: 16, heads: 2, intermediate: 32}
            groups: [{name: party}, {name: era}]
            training: {epochs: 4, batch_size: 8, lr: 0.003, seed: 2}
            sweep: {grid: {loss.pi: [0.2, 0.5, 0.8]}}
            """;

    @Test
    void resumeAfterAKillFinishesOnlyTheMissingTrials(@TempDir Path tmp) throws Exception {
        String experiment = "resume-it-" + System.nanoTime();
        Path spec = Files.writeString(tmp.resolve("spec.yaml"), SPEC.formatted(System.nanoTime())
                .replaceFirst("name: resume-it-\\d+", "name: " + experiment));
        Path home = MlflowServerExtension.projectHome();
        MlflowClient client = new MlflowClient(MlflowServerExtension.url());
        Process sweep = startSweep(spec, home, tmp);
        String interrupted = null;
        String finished = null;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (interrupted == null && System.nanoTime() < deadline && sweep.isAlive()) {
            Thread.sleep(150);
            List<TrackedRuns.RunRow> runs = children(client, experiment);
            for (TrackedRuns.RunRow r : runs) {
                if (r.status().equals("FINISHED")) {
                    finished = r.runId();
                } else if (finished != null && client.getMetricHistory(r.runId(), "val_acc_party").size() >= 1) {
                    interrupted = r.runId();
                }
            }
        }
        sweep.destroyForcibly().waitFor();
        assertTrue(interrupted != null, "the sweep was not caught in its second trial; log:\n"
                + Files.readString(tmp.resolve("sweep.log")));
        int epochsBefore = client.getMetricHistory(interrupted, "val_acc_party").size();
        assertTrue(epochsBefore < 4, "killed before the trial finished");

        SpecLoader.Resolved resolved = SpecLoader.load(spec, List.of());
        SweepRunner.Outcome outcome;
        try (MlflowTracker tracker = new MlflowTracker(MlflowServerExtension.url())) {
            outcome = new SweepRunner(tracker, r -> TaskData.prepare(r, home, tmp),
                    home.resolve(".polyhead/runs"), true).run(resolved);
        }
        List<String> ids = outcome.results().stream().map(r -> r.runId()).toList();
        assertEquals(finished, ids.get(0), "the finished trial is reused, not rerun");
        assertEquals(interrupted, ids.get(1), "the interrupted trial continues in its own run");
        List<TrackedRuns.RunRow> runs = children(client, experiment);
        assertEquals(3, runs.size(), "no duplicate child runs");
        for (TrackedRuns.RunRow r : runs) {
            assertEquals("FINISHED", r.status());
            assertEquals(4, client.getMetricHistory(r.runId(), "val_acc_party").size(), "one point per epoch: " + r.name());
        }
        var trainLoss = client.getMetricHistory(interrupted, "train_loss");
        assertEquals(trainLoss.size(), trainLoss.stream().map(m -> m.getStep()).distinct().count(),
                "no training step logged twice");
        assertEquals(Integer.toString(epochsBefore),
                client.getRun(interrupted).getData().getTagsList().stream()
                        .filter(t -> t.getKey().equals("polyhead.resumed_from_epoch")).findFirst().orElseThrow().getValue());

        try (MlflowTracker tracker = new MlflowTracker(MlflowServerExtension.url())) {  // the same sweep, never killed
            new SweepRunner(tracker, r -> TaskData.prepare(r, home, tmp), tmp.resolve("whole"))
                    .run(SpecLoader.load(spec, List.of("tracking.experiment=" + experiment + "-whole")));
        }
        Map<String, Map<String, List<String>>> whole = histories(client, children(client, experiment + "-whole"));
        assertEquals(3, whole.size());
        assertEquals(whole, histories(client, runs), "the killed and resumed sweep logged, bit for bit, the same "
                + "training and validation curves as the sweep that was never killed");
    }

    /**
     * Per trial (by name), each training and validation metric's points as {@code step value} with the value's
     * shortest exact decimal form, so equal strings mean equal bits.
     */
    private static Map<String, Map<String, List<String>>> histories(MlflowClient client,
                                                                    List<TrackedRuns.RunRow> runs) {
        Map<String, Map<String, List<String>>> out = new TreeMap<>();
        for (TrackedRuns.RunRow r : runs) {
            Map<String, List<String>> curves = new TreeMap<>();
            for (String metric : r.metrics().keySet()) {
                if (metric.startsWith("val_") || metric.startsWith("train_") || metric.equals("lr")) {
                    curves.put(metric, client.getMetricHistory(r.runId(), metric).stream()
                            .sorted(Comparator.comparingLong(m -> m.getStep()))
                            .map(m -> m.getStep() + " " + m.getValue()).toList());
                }
            }
            out.put(r.name(), curves);
        }
        return out;
    }

    private static List<TrackedRuns.RunRow> children(MlflowClient client, String experiment) {
        try {
            return TrackedRuns.search(client, experiment, "tags.`polyhead.sweep` = 'child'");
        } catch (org.polyhead.UserError e) {
            return List.of();
        }
    }

    private static Process startSweep(Path spec, Path home, Path tmp) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dpolyhead.home=" + home,
                "-Dorg.bytedeco.javacpp.cachedir=" + home.resolve(".polyhead/javacpp"),
                "org.polyhead.cli.Main", "sweep", spec.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("sweep.log").toFile());
        pb.environment().put("MLFLOW_TRACKING_URI", MlflowServerExtension.url());
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }
}
