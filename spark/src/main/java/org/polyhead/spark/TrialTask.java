package org.polyhead.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.polyhead.run.TrialRunner;
import org.polyhead.spec.SpecLoader;
import org.polyhead.task.PreparedData;
import org.polyhead.task.TaskData;
import org.polyhead.track.MlflowTracker;
import org.polyhead.track.TrackedRun;

/**
 * One trial inside a Spark executor. It always takes the resume path: it reopens the driver's run, continues from the
 * trial's last checkpoint if there is one and logs only the steps and epochs the run lacks, so a task Spark retries
 * after a lost executor logs every metric point once. A task that throws hands its run back unended (Spark may retry
 * it); the driver ends the run FAILED once Spark gives up.
 */
final class TrialTask implements Function<TrialJob, TrialOutcome> {

    @Override
    public TrialOutcome call(TrialJob job) {
        Path checkpoints = Path.of(job.checkpointDir());
        Path home = Path.of(job.home());
        SpecLoader.Resolved trial = SpecLoader.load(specFile(job, checkpoints), List.of());
        try (MlflowTracker tracker = new MlflowTracker(job.trackingUri(), checkpoints.resolve("journal"),
                MlflowTracker.defaultDrainTimeout())) {
            PreparedData data = TaskData.prepare(trial, home, home.resolve(".polyhead/runs"));
            TrackedRun run = tracker.reopen(job.runId());
            TrialRunner.Logged logged = new TrialRunner.Logged(tracker.loggedSteps(job.runId(), "train_loss"),
                    tracker.loggedSteps(job.runId(), "epoch"));
            try {
                TrialRunner runner = new TrialRunner(workDir(checkpoints, job.runId()));
                return TrialOutcome.of(runner.run(trial, data, run, logged));
            } catch (RuntimeException e) {
                run.handOff();
                throw e;
            }
        }
    }

    /**
     * The trial's work folder on the shared storage: its checkpoints and spec, and its run folder ({@code <runId>/},
     * artifacts and the saved model) that the driver reads the best model from.
     */
    static Path workDir(Path checkpoints, String runId) {
        return checkpoints.resolve(runId);
    }

    /** The trial's spec beside its checkpoint: loading it gives the tree, and so the config hash, the driver has. */
    private static Path specFile(TrialJob job, Path checkpoints) {
        try {
            Path file = Files.createDirectories(workDir(checkpoints, job.runId())).resolve("trial.yaml");
            Path tmp = Files.createTempFile(file.getParent(), "trial", ".yaml");
            Files.writeString(tmp, job.yaml());
            return Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trial's spec under " + checkpoints, e);
        }
    }
}
