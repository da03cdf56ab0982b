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

    @Override
    public Integer call() {
        Path spec = Home.path().resolve(DIR).resolve(name + ".yaml");
        if (!Files.isRegularFile(spec)) {
            throw new UserError(spec + ": no such paper experiment; available: " + available());
        }
        SpecLoader.Resolved resolved = SpecLoader.load(spec, sets);
        long start = System.nanoTime();
        var outcome = SweepCommand.run(resolved, resume);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println(SweepCommand.uiLine(outcome));
        String uri;
        try (var tracker = Trackers.fromEnvironment(Home.path())) {
            uri = tracker.uri();
        }
        var runs = TrackedRuns.children(new MlflowClient(uri), outcome.experiment(), outcome.parentRunId());
        String command = "./polyhead paper " + name + (sets.isEmpty() ? "" : " --set " + String.join(" --set ", sets))
                + (resume ? " --resume" : "");
        String data = resolved.params().entrySet().stream().filter(e -> e.getKey().startsWith("data."))
                .map(e -> e.getKey().substring("data.".length()) + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
        List<String> setup = List.of(
                "spec file: `" + DIR + "/" + name + ".yaml`",
                "data: `" + data + "` (dataset SHA-256 below)",
                "hardware: " + Hardware.describe(),
                "sweep wall time: " + took.toMinutes() + " min " + took.toSecondsPart() + " s for "
                        + outcome.results().size() + " trials" + (resume ? " (this invocation)" : ""));
        Path md = ExperimentReport.write(Home.path().resolve("reports").resolve("papers").resolve(name), runs,
                new ExperimentReport.Context(outcome.experiment(), command, setup),
                new org.polyhead.report.MlflowPredictions(uri));
        System.out.println("report: " + md + " and " + md.resolveSibling("index.html"));
        return 0;
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
