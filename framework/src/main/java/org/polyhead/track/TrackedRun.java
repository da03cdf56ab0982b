package org.polyhead.track;

import java.nio.file.Path;
import java.util.Map;
import org.polyhead.UserError;

/** One tracked run. All methods are asynchronous and safe to call from the training loop. */
public interface TrackedRun {

    String runId();

    String experimentId();

    /** The run's display name (a trial's short form, {@code pi=0.5}); the id where the tracker has no names. */
    default String runName() {
        return runId();
    }

    /** Params are the flattened resolved config; values longer than MLflow's limit are truncated with a marker. */
    void logParams(Map<String, String> params);

    void setTag(String key, String value);

    void logMetric(String key, double value, long step);

    default void logMetrics(Map<String, Double> metrics, long step) {
        metrics.forEach((k, v) -> logMetric(k, v, step));
    }

    /** Uploads a file under the run's artifact root at {@code artifactDir/filename} ({@code artifactDir} may be empty). */
    void logArtifact(Path file, String artifactDir);

    /**
     * Records the datasets the run read (MLflow's run inputs). Trackers that have no notion of inputs ignore them;
     * the dataset's SHA-256 is a tag of every run either way.
     */
    default void logInputs(java.util.List<DatasetInput> inputs) {}

    /** Ends the run with the given status (FINISHED, FAILED, KILLED) after flushing what is buffered. */
    void end(RunStatus status);

    /** Ends the run as FAILED with the reason in tag {@link Tags#FAILURE}. */
    default void fail(String reason) {
        setTag(Tags.FAILURE, reason);
        end(RunStatus.FAILED);
    }

    /**
     * Ends the run that {@code e} interrupted as FAILED.
     *
     * @return the reason recorded: a user's mistake as its message, anything else with its exception's name
     */
    default String fail(RuntimeException e) {
        String reason = e instanceof UserError ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        fail(reason);
        return reason;
    }

    /**
     * Sends what is buffered and lets go of the run without ending it, so that another process can {@link
     * Tracker#reopen} it and end it (a sweep's driver creating a trial's run that a cluster's executor trains).
     */
    void handOff();
}
