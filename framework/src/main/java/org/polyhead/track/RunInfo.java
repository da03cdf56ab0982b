package org.polyhead.track;

import java.util.Map;

/** What the tracker knows of an existing run: its id, status, latest metric values and tags. */
public record RunInfo(String runId, String status, Map<String, Double> metrics, Map<String, String> tags) {
    public boolean finished() {
        return "FINISHED".equals(status);
    }
}
