package org.polyhead.cli;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.UserError;
import org.polyhead.report.ExperimentReport;
import org.polyhead.report.TrackedRuns;
import org.polyhead.track.Trackers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code polyhead report --experiment NAME}: tables, plots, findings and provenance from an experiment's runs. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write reports/NAME/ (index.md, index.html, results.csv, PNG plots) from an experiment's runs in "
                + "MLflow: its newest sweep unless --parent names one.")
public final class ReportCommand implements Callable<Integer> {
    private static final Set<String> MAVEN_FOLDERS = Set.of("target", "src");

    @Option(names = "--experiment", required = true, paramLabel = "NAME", description = "MLflow experiment")
    String experiment;

    @Option(names = "--out", paramLabel = "DIR", description = "report folder (default: reports/NAME)")
    Path out;

    @Option(names = "--parent", paramLabel = "RUN_ID", description = "the sweep (parent run) to report")
    String parent;

    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "MLflow server (default: $MLFLOW_TRACKING_URI, else the project's local server)")
    String trackingUri;

    @Override
    public Integer call() {
        String uri = trackingUri;
        if (uri == null) {
            try (var tracker = Trackers.fromEnvironment(Home.path())) {
                uri = tracker.uri();
            }
        }
        Path dir = out != null ? out : Home.path().resolve("reports").resolve(experiment);
        if (out == null && MAVEN_FOLDERS.contains(experiment)) {
            throw new UserError("--experiment " + experiment + ": reports/" + experiment + " is a folder of the reports "
                    + "module's Maven build; pass --out DIR");
        }
        var runs = TrackedRuns.forReport(new MlflowClient(uri), experiment, parent);
        String command = "./polyhead report --experiment " + experiment + (out != null ? " --out " + out : "")
                + (parent != null ? " --parent " + parent : "");
        Path md = ExperimentReport.write(dir, runs,
                new ExperimentReport.Context(experiment, command, java.util.List.of()),
                new org.polyhead.report.MlflowPredictions(uri));
        System.out.println("report: " + md + " and " + md.resolveSibling("index.html"));
        return 0;
    }
}
