package org.polyhead.run;

import java.util.Map;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars on stderr (stdout stays clean for results), updated at most once a second: one per run and one for a
 * sweep, drawn together on an interactive terminal. Under CI ({@code CI=true}), without a terminal, or with
 * {@code POLYHEAD_QUIET=1} they draw nothing, so logs keep only the one-line messages.
 */
public final class Progress {
    private Progress() {}

    public static ProgressBar bar(String task, long total) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(1000).setConsumer(consumer()).showSpeed().build();
    }

    /** Moves the bar on with the training loop's steps (from the step a resumed trial starts at). */
    static TrainingListener steps(ProgressBar bar) {
        return new TrainingListener() {
            @Override
            public void onTrainingBegin(TrainingState state) {
                bar.stepTo(state.step());
            }

            @Override
            public void onStep(TrainingState state, Map<String, Double> losses) {
                bar.step();
            }
        };
    }

    private static ProgressBarConsumer consumer() {
        return shown(System.console() != null, System.getenv())
                ? new InteractiveConsoleProgressBarConsumer(System.err)
                : new DelegatingProgressBarConsumer(line -> { });
    }

    /** Bars are drawn only on a terminal, outside CI, and unless asked to be quiet. */
    static boolean shown(boolean terminal, Map<String, String> env) {
        return terminal && !truthy(env.get("CI")) && !truthy(env.get("POLYHEAD_QUIET"));
    }

    private static boolean truthy(String v) {
        return v != null && !v.isBlank() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }
}
