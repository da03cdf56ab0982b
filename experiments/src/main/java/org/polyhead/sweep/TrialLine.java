package org.polyhead.sweep;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.polyhead.mlflow.UiLinks;
import org.polyhead.run.TrialRunner;
import org.polyhead.track.Metrics;
import org.polyhead.track.TrackedRun;

/**
 * The one line printed when a trial ends: its name, status, its validation accuracies and macro-F1s (the last
 * epoch's, at most {@value #SHOWN}), and the address of its run page, or the reason it failed.
 */
final class TrialLine {
    static final int SHOWN = 4;

    private TrialLine() {}

    static String of(TrackedRun run, TrialRunner.Result result, String trackingUri) {
        String link = UiLinks.run(trackingUri, run.experimentId(), run.runId());
        if (result.failure() != null) {
            return String.format("polyhead: trial '%s' %s: %s  %s", run.runName(), result.status(), result.failure(),
                    link);
        }
        return String.format("polyhead: trial '%s' %s  %s  %s", run.runName(), result.status(),
                keyMetrics(result.metrics()), link);
    }

    static String keyMetrics(Map<String, Double> metrics) {
        return metrics.entrySet().stream()
                .filter(e -> Metrics.isAccuracy(e.getKey()) || Metrics.isF1(e.getKey()))
                .limit(SHOWN)
                .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
                .collect(Collectors.joining("  "));
    }
}
