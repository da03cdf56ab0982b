package org.polyhead.report;

import java.util.Optional;

/** Where a report finds a run's test predictions (the tracking server's artifacts; a map in tests). */
@FunctionalInterface
public interface PredictionSource {
    /** A source with no predictions: the report shows intervals over seeds only. */
    PredictionSource NONE = runId -> Optional.empty();

    Optional<RunPredictions> of(String runId);
}
