package org.polyhead.track;

import java.util.Map;

/**
 * Where runs are recorded. One implementation talks to an MLflow tracking server; training code only sees this
 * interface (the model never talks to MLflow). Implementations batch and buffer: calls on a {@link TrackedRun} never
 * block training on the network.
 */
public interface Tracker extends AutoCloseable {

    /**
     * Starts a run in the named experiment (created if absent).
     *
     * @param parentRunId the enclosing sweep's run, or null for a top-level run
     * @param tags        initial tags (provenance, {@code polyhead.sweep}, ...)
     */
    TrackedRun startRun(String experiment, String runName, String parentRunId, Map<String, String> tags);

    /**
     * Runs of an experiment carrying tag {@code key = value}, newest first (e.g. earlier trials with the same config
     * hash, for {@code sweep --resume}). Empty if the experiment does not exist.
     */
    java.util.List<RunInfo> runsTagged(String experiment, String key, String value);

    /** Steps at which {@code metric} has been recorded in a run (to avoid logging a point twice when resuming). */
    java.util.Set<Long> loggedSteps(String runId, String metric);

    /** Continues logging into an existing run (a resumed trial); its final {@link TrackedRun#end} sets the status. */
    TrackedRun reopen(String runId);

    /** The tracking URI, for messages ("logged to http://127.0.0.1:5123"). */
    String uri();

    /** Flushes everything buffered; waits until the server has it or it is safely journaled on disk. */
    @Override
    void close();
}
