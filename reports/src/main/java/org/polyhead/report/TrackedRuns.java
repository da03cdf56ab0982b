package org.polyhead.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.RunsPage;
import org.polyhead.UserError;

/** Reads runs of an experiment from MLflow, page by page, as plain maps of params, metrics and tags. */
public final class TrackedRuns {
    private static final int PAGE = 500;

    private TrackedRuns() {}

    /** One run as a report sees it; {@code metrics} holds each metric's last value. */
    public record RunRow(String runId, String name, String status, Map<String, String> params,
                         Map<String, Double> metrics, Map<String, String> tags, long startTime) {}

    public static List<RunRow> children(MlflowClient client, String experiment, String parentRunId) {
        String filter = "tags.mlflow.parentRunId = '" + parentRunId + "'";
        return search(client, experiment, filter);
    }

    /**
     * The runs a report of the experiment covers: the children of {@code parentRunId}, or when it is null those of the
     * newest sweep (tag {@code polyhead.sweep=parent}); an experiment without sweeps gives all its single runs.
     */
    public static List<RunRow> forReport(MlflowClient client, String experiment, String parentRunId) {
        if (parentRunId != null) {
            return children(client, experiment, parentRunId);
        }
        return search(client, experiment, "tags.polyhead.sweep = 'parent'").stream()
                .max(Comparator.comparingLong(RunRow::startTime))
                .map(p -> children(client, experiment, p.runId()))
                .orElseGet(() -> search(client, experiment, "tags.polyhead.sweep = 'single'"));
    }

    public static List<RunRow> search(MlflowClient client, String experiment, String filter) {
        String id = client.getExperimentByName(experiment).map(Service.Experiment::getExperimentId)
                .orElseThrow(() -> new UserError("no MLflow experiment named '" + experiment + "'"));
        List<RunRow> rows = new ArrayList<>();
        RunsPage page = client.searchRuns(List.of(id), filter, Service.ViewType.ACTIVE_ONLY, PAGE);
        while (true) {
            for (Service.Run run : page.getItems()) {
                rows.add(row(run));
            }
            if (!page.hasNextPage()) {
                break;
            }
            page = (RunsPage) page.getNextPage();
        }
        return rows;
    }

    private static RunRow row(Service.Run run) {
        Map<String, String> params = new LinkedHashMap<>();
        run.getData().getParamsList().forEach(p -> params.put(p.getKey(), p.getValue()));
        Map<String, Double> metrics = new LinkedHashMap<>();
        run.getData().getMetricsList().forEach(m -> metrics.put(m.getKey(), m.getValue()));
        Map<String, String> tags = new LinkedHashMap<>();
        run.getData().getTagsList().forEach(t -> tags.put(t.getKey(), t.getValue()));
        return new RunRow(run.getInfo().getRunId(), tags.getOrDefault("mlflow.runName", ""),
                run.getInfo().getStatus().name(), params, metrics, tags, run.getInfo().getStartTime());
    }
}
