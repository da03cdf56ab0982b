package org.polyhead.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.polyhead.run.TrialRunner;
import org.polyhead.track.RunStatus;

class SweepSummaryTest {

    @Test
    void theParentGetsEachMetricsBestFinishedValueLossesLowest() {
        List<TrialRunner.Result> results = List.of(
                new TrialRunner.Result("a", RunStatus.FINISHED, Map.of("val_acc_party", 0.6, "val_loss_party", 0.9,
                        "epoch", 3.0), null),
                new TrialRunner.Result("b", RunStatus.FINISHED, Map.of("val_acc_party", 0.7, "val_loss_party", 1.1,
                        "epoch", 2.0), null),
                new TrialRunner.Result("c", RunStatus.FAILED, Map.of("val_acc_party", 0.99), "NaN loss"));
        assertEquals(Map.of("best_val_acc_party", 0.7, "best_val_loss_party", 0.9), SweepSummary.best(results));
    }
}
