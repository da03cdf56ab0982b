package org.polyhead.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.polyhead.spec.SpecLoader;
import org.polyhead.run.TrialRunner;
import org.polyhead.track.MlflowTracker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code polyhead train SPEC}: one run of the spec as written (its sweep section ignored). */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train and evaluate one run of a spec.")
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    SpecOptions options;

    @Override
    public Integer call() {
        SpecLoader.Resolved resolved = options.load().with(Map.of("sweep", Map.of()));
        if (options.look(resolved, false)) {
            return 0;
        }
        TrialRunner.Result result;
        try (MlflowTracker tracker = options.tracker()) {
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
