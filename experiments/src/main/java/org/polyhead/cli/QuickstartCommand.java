package org.polyhead.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.report.ExperimentReport;
import org.polyhead.report.TrackedRuns;
import org.polyhead.spec.SpecLoader;
import org.polyhead.sweep.SweepRunner;
import org.polyhead.track.Trackers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code polyhead quickstart}: a small π sweep on real data, tracked in MLflow, and its report. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Run a small π sweep (two label groups, small encoder) and write reports/quickstart/ "
                + "(git-ignored; a committed example is in docs/quickstart-example/).")
public final class QuickstartCommand implements Callable<Integer> {
    static final String SPEC = "experiments/specs/quickstart.yaml";

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override any spec key")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", description = "report folder (default: reports/quickstart)")
    Path out;

    @Override
    public Integer call() {
        SpecLoader.Resolved resolved = SpecLoader.load(Home.path().resolve(SPEC), sets);
        SweepRunner.Outcome outcome = SweepCommand.run(resolved);
        String uri;
        try (var tracker = Trackers.fromEnvironment(Home.path())) {
            uri = tracker.uri();
        }
        var runs = TrackedRuns.children(new MlflowClient(uri), outcome.experiment(), outcome.parentRunId());
        Path dir = out != null ? out : Home.path().resolve("reports/quickstart");
        String command = "./polyhead quickstart" + (sets.isEmpty() ? "" : " --set " + String.join(" --set ", sets));
        Path md = ExperimentReport.write(dir, runs, new ExperimentReport.Context(outcome.experiment(), command,
                List.of("hardware: " + org.polyhead.report.Hardware.describe())),
                new org.polyhead.report.MlflowPredictions(uri));
        System.out.println("report: " + md);
        System.out.println("MLflow UI: " + outcome.link());
        return 0;
    }
}
