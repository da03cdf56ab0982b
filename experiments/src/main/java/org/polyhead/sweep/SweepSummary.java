package org.polyhead.sweep;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.polyhead.run.TrialRunner;
import org.polyhead.track.Metrics;
import org.polyhead.track.RunStatus;

/**
 * The parent run's metrics: for each metric its FINISHED trials report, the best value across them, as
 * {@code best_<metric>} (losses and errors lowest, the rest highest), so sweeps compare with each other in the
 * experiment's run table at parent level.
 */
final class SweepSummary {
    static final String PREFIX = "best_";

    private SweepSummary() {}

    static Map<String, Double> best(List<TrialRunner.Result> results) {
        Map<String, Double> best = new TreeMap<>();
        for (TrialRunner.Result r : results) {
            if (r.status() != RunStatus.FINISHED) {
                continue;
            }
            r.metrics().forEach((k, v) -> {
                if (!k.equals(Metrics.EPOCH) && v != null && Double.isFinite(v)) {
                    best.merge(PREFIX + k, v, (a, b) -> Metrics.lowerIsBetter(k) ? Math.min(a, b)
                            : Math.max(a, b));
                }
            });
        }
        return best;
    }
}
