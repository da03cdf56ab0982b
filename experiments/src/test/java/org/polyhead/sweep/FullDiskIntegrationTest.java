package org.polyhead.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.UserError;
import org.polyhead.report.TrackedRuns;
import org.polyhead.task.TaskData;
import org.polyhead.run.TrialRunner;
import org.polyhead.spec.SpecLoader;
import org.polyhead.track.MlflowServerExtension;
import org.polyhead.track.MlflowTracker;

/**
 * A full disk under the runs folder: the trial's checkpoint is written through {@code /dev/full}, which refuses every
 * write with the kernel's ENOSPC ("No space left on device"). Training stops with one line naming the checkpoint,
 * the trial and the sweep end FAILED with that reason in a real MLflow server, and no {@code .tmp} is left behind.
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class FullDiskIntegrationTest {
    private static final String SPEC = """
            name: %s
            data: {name: sotu, max_records: 80, validation: 0.25, max_length: 16}
            encoder: {layers: 1, hidden: 16, heads: 2, intermediate: 32}
            groups: [{name: party}, {name: era}]
            training: {epochs: 1, batch_size: 16, lr: 0.003, seed: 7}
            sweep: {grid: {loss.pi: [0.5]}}
            """;

    @Test
    void aFullDiskStopsTheTrialWithOneLineAndLeavesNoTmp(@TempDir Path tmp) throws IOException {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "a Linux /dev/full");
        String experiment = "full-disk-" + System.nanoTime();
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("spec.yaml"),
                SPEC.formatted(experiment)), List.of());
        Path checkpoint = new TrialRunner(tmp).checkpointOf(spec.with(Map.of("loss.pi", 0.5)));
        Files.createDirectories(checkpoint.getParent());
        Files.createSymbolicLink(checkpoint.resolveSibling(checkpoint.getFileName() + ".tmp"), full);
        Path home = MlflowServerExtension.projectHome();
        UserError e = assertThrows(UserError.class, () -> {
            try (MlflowTracker tracker = new MlflowTracker(MlflowServerExtension.url())) {
                new SweepRunner(tracker, r -> TaskData.prepare(r, home, tmp), tmp).run(spec);
            }
        });
        assertEquals("cannot write checkpoint " + checkpoint + ": No space left on device", e.getMessage());
        List<TrackedRuns.RunRow> runs = TrackedRuns.search(new MlflowClient(MlflowServerExtension.url()),
                experiment, "");
        assertEquals(2, runs.size());
        for (TrackedRuns.RunRow run : runs) {
            assertEquals("FAILED", run.status(), run.name());
            assertEquals(e.getMessage(), run.tags().get("polyhead.failure"));
        }
        try (Stream<Path> left = Files.list(checkpoint.getParent())) {
            assertFalse(left.anyMatch(p -> p.toString().endsWith(".tmp")), "no .tmp left behind");
        }
        assertFalse(Files.exists(checkpoint), "and no checkpoint that was never written");
        assertTrue(Files.exists(full), "the device itself is untouched");
    }
}
