package org.polyhead.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.polyhead.UserError;
import org.polyhead.run.TrialRunner;
import org.polyhead.spec.SpecLoader;
import org.polyhead.spec.SpecPrinter;
import org.polyhead.sweep.SweepCheck;
import org.polyhead.sweep.SweepPlan;
import org.polyhead.sweep.Trial;
import org.polyhead.track.MlflowTracker;
import org.polyhead.track.Trackers;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The options {@code train} and {@code sweep} share: the spec, its overrides (as {@code --set k=v} or Hydra-style
 * bare {@code k=v}), where runs go ({@code --experiment}, {@code --tracking-uri}), and the two ways to look before
 * running ({@code --print-config}, {@code --dry-run}).
 */
final class SpecOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "SPEC", description = "experiment spec (YAML)")
    Path spec;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "overrides, as with --set (e.g. loss.pi=0.3)")
    List<String> bare = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override any spec key, e.g. --set loss.pi=0.3")
    List<String> sets = new ArrayList<>();

    @Option(names = "--experiment", paramLabel = "NAME", description = "the MLflow experiment (tracking.experiment)")
    String experiment;

    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "the MLflow server (default: $MLFLOW_TRACKING_URI, else the local server)")
    String trackingUri;

    @Option(names = "--print-config", description = "print the resolved spec, defaults included, and exit")
    boolean printConfig;

    @Option(names = "--dry-run", description = "check every trial as a real run does (spec, data, designs), list "
            + "them (name, config hash), and exit")
    boolean dryRun;

    /** The spec with every override applied, {@code --set} first, then the bare ones, then {@code --experiment}. */
    SpecLoader.Resolved load() {
        List<String> all = new ArrayList<>(sets);
        for (String b : bare) {
            if (b.indexOf('=') <= 0) {
                throw new UserError("'" + b + "': expected KEY=VALUE after the spec (an override such as loss.pi=0.3)");
            }
            all.add(b);
        }
        if (experiment != null) {
            all.add("tracking.experiment=" + experiment);
        }
        return SpecLoader.load(spec, all);
    }

    /** The tracker for {@code --tracking-uri}, else the environment's ({@link Trackers#fromEnvironment}). */
    MlflowTracker tracker() {
        if (trackingUri == null) {
            return Trackers.fromEnvironment(Home.path());
        }
        return new MlflowTracker(trackingUri.replaceAll("/+$", ""), Trackers.journalRoot(Home.path()),
                MlflowTracker.defaultDrainTimeout());
    }

    /** Prints what {@code --print-config} or {@code --dry-run} asks for; true when one was given (nothing runs). */
    boolean look(SpecLoader.Resolved resolved, boolean sweep) {
        PrintWriter out = command.commandLine().getOut();
        if (printConfig) {
            out.print(SpecPrinter.yaml(resolved.spec()));
        }
        if (dryRun) {
            check(resolved, sweep);
            List<Trial> trials = sweep ? SweepPlan.trials(resolved.spec().sweep()) : List.of(new Trial(Map.of()));
            out.printf("%d trial(s) of %s (config hash, name):%n", trials.size(), spec);
            for (Trial t : trials) {
                out.printf("  %s  %s%n", resolved.with(t.overrides()).hash().substring(0, 12), t.name());
            }
        }
        out.flush();
        return printConfig || dryRun;
    }

    /**
     * The check a real run makes before it creates anything: every trial of a sweep ({@link SweepCheck}), or the one
     * run of {@code train} ({@link TrialRunner#check}); a mistake is thrown as the run would throw it.
     */
    private static void check(SpecLoader.Resolved resolved, boolean sweep) {
        if (sweep) {
            SweepCheck.check(resolved, SweepCommand::prepare, Home.work());
        } else {
            new TrialRunner(Home.work()).check(resolved, SweepCommand.prepare(resolved));
        }
    }
}
