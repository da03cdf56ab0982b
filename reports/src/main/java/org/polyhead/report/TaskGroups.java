package org.polyhead.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.polyhead.track.Metrics;

/**
 * The label groups of a grouped experiment in spec order (group 1 is the one π weights), read from the runs'
 * {@code groups} param; when that is missing, from the {@code val_acc_<group>} metrics.
 */
final class TaskGroups {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskGroups() {}

    static List<String> of(RunGroups runs) {
        List<String> out = new ArrayList<>();
        for (TrackedRuns.RunRow r : runs.runs()) {
            String groups = r.params().get("groups");
            if (groups == null) {
                continue;
            }
            try {
                for (JsonNode g : JSON.readTree(groups)) {
                    String name = g.path("name").asText("");
                    if (!name.isEmpty() && runs.hasMetric(Metrics.accuracy(name)) && !out.contains(name)) {
                        out.add(name);
                    }
                }
            } catch (java.io.IOException e) {
                // not a JSON list of groups: fall back to the metrics
            }
            break;
        }
        if (out.isEmpty()) {
            runs.metrics().stream().filter(Metrics::isAccuracy).map(Metrics::groupOfAccuracy)
                    .forEach(out::add);
        }
        return out;
    }
}
