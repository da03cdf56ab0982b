package org.polyhead.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.UserError;
import org.polyhead.report.TrackedRuns;
import org.polyhead.run.TrialRunner;
import org.polyhead.spec.SpecLoader;
import org.polyhead.task.TaskData;
import org.polyhead.track.MlflowServerExtension;
import org.polyhead.track.MlflowTracker;

/**
 * No sweep leaves a run RUNNING on a real MLflow server: a mistake found once the runs exist ends the trial's run and
 * the parent as FAILED with the reason, and a {@code --resume} of a finished sweep continues its parent instead of
 * starting a second one.
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class SweepFinalStateIntegrationTest {
    private static final String SPEC = """
            name: %s
            data: {name: sotu, max_records: 80, validation: 0.25, max_length: 16}
            encoder: {layers: 1, hidden: 16, heads: 2, intermediate: 32}
            groups: [{name: party}, {name: era}]
            training: {epochs: 1, batch_size: 16, lr: 0.003, seed: 5}
            sweep: {grid: {loss.pi: [0.5]}}
            """;

    @Test
    void aMistakeFoundAfterTheRunsExistEndsChildAndParentAsFailedWithTheReason(@TempDir Path tmp) throws IOException {
        String experiment = "final-state-" + System.nanoTime();
        SpecLoader.Resolved spec = spec(tmp, experiment);
        // a folder where the trial's checkpoint is written: nothing a check before the runs can see, found after epoch 1
        Path checkpoint = new TrialRunner(tmp).checkpointOf(spec.with(java.util.Map.of("loss.pi", 0.5)));
        Files.createDirectories(checkpoint.resolveSibling(checkpoint.getFileName() + ".tmp"));
        UserError e = assertThrows(UserError.class, () -> sweep(spec, tmp, false));
        assertTrue(e.getMessage().startsWith("cannot write checkpoint " + checkpoint), e.getMessage());
        List<TrackedRuns.RunRow> runs = TrackedRuns.search(client(), experiment, "");
        assertEquals(2, runs.size(), "the parent and its one trial");
        for (TrackedRuns.RunRow run : runs) {
            assertEquals("FAILED", run.status(), run.name());
            assertEquals(e.getMessage(), run.tags().get("polyhead.failure"), run.name());
        }
    }

    @Test
    void resumingAFinishedSweepStartsNoSecondParent(@TempDir Path tmp) throws IOException {
        String experiment = "finished-resume-" + System.nanoTime();
        SpecLoader.Resolved spec = spec(tmp, experiment);
        SweepRunner.Outcome first = sweep(spec, tmp, false);
        SweepRunner.Outcome resumed = sweep(spec, tmp, true);
        assertEquals(first.parentRunId(), resumed.parentRunId());
        assertEquals(first.results().get(0).runId(), resumed.results().get(0).runId(), "the finished trial is reused");
        List<TrackedRuns.RunRow> runs = TrackedRuns.search(client(), experiment, "");
        assertEquals(List.of("FINISHED", "FINISHED"), runs.stream().map(TrackedRuns.RunRow::status).toList());
    }

    private static SpecLoader.Resolved spec(Path tmp, String experiment, String... sets) throws IOException {
        Path file = Files.writeString(tmp.resolve("spec.yaml"), SPEC.formatted(experiment));
        return SpecLoader.load(file, List.of(sets));
    }

    private static SweepRunner.Outcome sweep(SpecLoader.Resolved spec, Path tmp, boolean resume) {
        Path home = MlflowServerExtension.projectHome();
        try (MlflowTracker tracker = new MlflowTracker(MlflowServerExtension.url())) {
            return new SweepRunner(tracker, r -> TaskData.prepare(r, home, tmp), tmp, resume).run(spec);
        }
    }

    private static MlflowClient client() {
        return new MlflowClient(MlflowServerExtension.url());
    }
}
