package org.polyhead.spark;

import java.io.Serializable;

/**
 * What the driver sends an executor for one trial: the resolved spec as YAML (same tree, same config hash), the run the
 * driver created for it, and where to log, read data and keep checkpoints.
 *
 * @param yaml          the trial's resolved spec
 * @param name          the trial's short name, for messages
 * @param runId         the trial's run, created (or picked by a resume) by the driver
 * @param trackingUri   the tracking server every executor reaches
 * @param home          the project folder on the executor's machine (data, models, token cache)
 * @param checkpointDir storage every worker reaches; the trial keeps its checkpoint under {@code <dir>/<runId>}
 */
record TrialJob(String yaml, String name, String runId, String trackingUri, String home, String checkpointDir)
        implements Serializable {}
