package org.polyhead.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.UserError;
import org.polyhead.report.ExperimentReport;
import org.polyhead.report.Hardware;
import org.polyhead.report.TrackedRuns;
import org.polyhead.spec.SpecLoader;
import org.polyhead.sweep.SweepRunner;
import org.polyhead.track.Tags;
import org.polyhead.track.Trackers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code polyhead paper NAME}: one of the paper's experiments (experiments/paper/NAME.yaml) as a sweep, and its report. */
@Command(name = "paper", mixinStandardHelpOptions = true,
        description = "Run experiments/paper/NAME.yaml as a sweep and write its report (with command, data and "
                + "hardware) under reports/papers/NAME/.")
public final class PaperCommand implements Callable<Integer> {
    static final String DIR = "experiments/paper";

    @Parameters(index = "0", paramLabel = "NAME", description = "a spec in experiments/paper/, without .yaml")
    String name;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override any spec key")
    List<String> sets = new ArrayList<>();

    @Option(names = "--resume", description = "continue an interrupted sweep of the same spec")
    boolean resume;

    @Option(names = "--report-only", description = "write the report of the paper's newest finished sweep from "
            + "MLflow with the current report code, without running anything")
    boolean reportOnly;

    @Override
    public Integer call() {
        Path spec = Home.path().resolve(DIR).resolve(name + ".yaml");
        if (!Files.isRegularFile(spec)) {
            throw new UserError(spec + ": no such paper experiment; available: " + available());
        }
        SpecLoader.Resolved resolved = SpecLoader.load(spec, sets);
        String uri;
        String experiment;
        String parentRunId;
        String took;
        if (reportOnly) {
            try (var tracker = Trackers.fromEnvironment(Home.path())) {
                uri = tracker.uri();
            }
            experiment = SweepRunner.experimentOf(resolved);
            parentRunId = newestSweep(new MlflowClient(uri), experiment);
            took = recorded(new MlflowClient(uri), parentRunId);
        } else {
            long start = System.nanoTime();
            var outcome = SweepCommand.run(resolved, resume);
            Duration d = Duration.ofNanos(System.nanoTime() - start);
            System.out.println(SweepCommand.uiLine(outcome));
            try (var tracker = Trackers.fromEnvironment(Home.path())) {
                uri = tracker.uri();
            }
            experiment = outcome.experiment();
            parentRunId = outcome.parentRunId();
            took = d.toMinutes() + " min " + d.toSecondsPart() + " s for " + outcome.results().size() + " trials"
                    + (resume ? " (this invocation)" : "");
        }
        var runs = TrackedRuns.children(new MlflowClient(uri), experiment, parentRunId);
        String command = "./polyhead paper " + name + (sets.isEmpty() ? "" : " --set " + String.join(" --set ", sets))
                + (resume ? " --resume" : "") + (reportOnly ? " --report-only" : "");
        String data = resolved.params().entrySet().stream().filter(e -> e.getKey().startsWith("data."))
                .map(e -> e.getKey().substring("data.".length()) + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
        List<String> setup = List.of(
                "spec file: `" + DIR + "/" + name + ".yaml`",
                "data: `" + data + "` (dataset SHA-256 below)",
                "hardware: " + Hardware.describe() + (reportOnly ? " (where this report was written)" : ""),
                "sweep wall time: " + took);
        Path md = ExperimentReport.write(Home.path().resolve("reports").resolve("papers").resolve(name), runs,
                new ExperimentReport.Context(experiment, command, setup),
                new org.polyhead.report.MlflowPredictions(uri));
        System.out.println("report: " + md + " and " + md.resolveSibling("index.html"));
        return 0;
    }

    /** The experiment's newest FINISHED sweep (its parent run): what {@code --report-only} writes the report of. */
    static String newestSweep(MlflowClient client, String experiment) {
        return TrackedRuns.search(client, experiment, "tags.`" + Tags.SWEEP + "` = '" + Tags.PARENT
                        + "' and attributes.status = 'FINISHED'").stream()
                .max(java.util.Comparator.comparingLong(TrackedRuns.RunRow::startTime))
                .map(TrackedRuns.RunRow::runId)
                .orElseThrow(() -> new UserError("--report-only: experiment '" + experiment + "' has no finished "
                        + "sweep; run the paper without --report-only first"));
    }

    /** The sweep's wall time as its parent run recorded it (start to end), with its number of trials. */
    private static String recorded(MlflowClient client, String parentRunId) {
        var info = client.getRun(parentRunId).getInfo();
        Duration d = Duration.ofMillis(info.getEndTime() - info.getStartTime());
        long trials = TrackedRuns.search(client, client.getExperiment(info.getExperimentId()).getName(),
                        "tags.mlflow.parentRunId = '" + parentRunId + "'").stream()
                .filter(r -> !org.polyhead.report.RunGroups.isBaseline(r)).count();
        return d.toMinutes() + " min " + d.toSecondsPart() + " s for " + trials + " trials (recorded by the sweep's "
                + "parent run " + parentRunId + ")";
    }

    private static String available() {
        try (Stream<Path> files = Files.list(Home.path().resolve(DIR))) {
            return String.join(", ", files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .map(f -> f.substring(0, f.length() - 5)).sorted().toList());
        } catch (java.io.IOException e) {
            return "none";
        }
    }
}
