package org.polyhead.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.polyhead.spec.SpecLoader;
import org.polyhead.run.TrialRunner;
import org.polyhead.track.MlflowTracker;
import org.polyhead.track.Trackers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code polyhead train SPEC}: one run of the spec as written (its sweep section ignored). */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train and evaluate one run of a spec.")
public final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "experiment spec (YAML)")
    Path spec;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override any spec key, e.g. --set loss.pi=0.3")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
        SpecLoader.Resolved resolved = SpecLoader.load(spec, sets).with(Map.of("sweep", Map.of()));
        TrialRunner.Result result;
        try (MlflowTracker tracker = Trackers.fromEnvironment(Home.path())) {
            result = SweepCommand.runner(tracker, false).runOne(resolved);
        }
        System.out.println("run " + result.runId() + " " + result.status() + " " + result.metrics());
        if (result.failure() == null) {
            System.out.println("model: " + Home.work().resolve(result.runId()).resolve("model")
                    + "  (./polyhead predict --model DIR --input texts.txt)");
        }
        return result.failure() == null ? 0 : 1;
    }

}
