package org.polyhead.track;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.ExperimentsPage;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.RunsPage;

/**
 * Ends runs left RUNNING by a process of this host that is gone (killed with -9, a crash, a power cut): such a run
 * is set KILLED with the reason in {@code polyhead.failure}. A run whose journal still waits on disk is left alone
 * (its own end may be in it), as are runs of live processes and of other hosts.
 */
public final class OrphanRuns {
    private static final int PAGE = 1000;

    private OrphanRuns() {}

    /** Ends the orphans the tracker's server holds; returns their run ids. */
    public static List<String> close(MlflowTracker tracker) {
        MlflowClient client = tracker.client();
        List<String> journaled = Journal.runs(tracker.journalRoot());
        List<String> closed = new ArrayList<>();
        for (Service.Run run : running(client)) {
            String runId = run.getInfo().getRunId();
            Map<String, String> tags = new LinkedHashMap<>();
            run.getData().getTagsList().forEach(t -> tags.put(t.getKey(), t.getValue()));
            var owner = RunOwner.of(tags);
            if (owner.isEmpty() || owner.get().aliveHere() || journaled.contains(runId)) {
                continue;
            }
            client.setTag(runId, Tags.FAILURE, "process " + owner.get().pid() + " on " + owner.get().host()
                    + " ended without ending the run");
            client.setTerminated(runId, Service.RunStatus.KILLED, System.currentTimeMillis());
            closed.add(runId);
        }
        return closed;
    }

    private static List<Service.Run> running(MlflowClient client) {
        List<String> experiments = new ArrayList<>();
        ExperimentsPage page = client.searchExperiments("", Service.ViewType.ACTIVE_ONLY, PAGE, List.of());
        while (true) {
            page.getItems().forEach(e -> experiments.add(e.getExperimentId()));
            if (!page.hasNextPage()) {
                break;
            }
            page = (ExperimentsPage) page.getNextPage();
        }
        List<Service.Run> out = new ArrayList<>();
        if (experiments.isEmpty()) {
            return out;
        }
        RunsPage runs = client.searchRuns(experiments, "attributes.status = 'RUNNING'", Service.ViewType.ACTIVE_ONLY,
                PAGE);
        while (true) {
            out.addAll(runs.getItems());
            if (!runs.hasNextPage()) {
                return out;
            }
            runs = (RunsPage) runs.getNextPage();
        }
    }
}
