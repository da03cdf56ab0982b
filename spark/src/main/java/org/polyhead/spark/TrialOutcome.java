package org.polyhead.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.polyhead.run.TrialRunner;
import org.polyhead.track.RunStatus;

/** What an executor sends back for a trial: its {@link TrialRunner.Result} in a form Spark can serialize. */
record TrialOutcome(String runId, String status, HashMap<String, Double> metrics, String failure)
        implements Serializable {

    static TrialOutcome of(TrialRunner.Result r) {
        return new TrialOutcome(r.runId(), r.status().name(), new HashMap<>(r.metrics()), r.failure());
    }

    TrialRunner.Result result() {
        return new TrialRunner.Result(runId, RunStatus.valueOf(status), Map.copyOf(metrics), failure);
    }
}
