package org.polyhead.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;

/**
 * A run handed off by the tracker that created it (a sweep's driver) is continued and ended by another tracker (an
 * executor), against a real MLflow server: the first tracker's close leaves it alone, and every point arrives once.
 */
@ExtendWith(MlflowServerExtension.class)
class HandOffTest {

    @Test
    void aHandedOffRunIsEndedOnlyByTheTrackerThatReopensIt(@TempDir Path tmp) {
        Path journal = tmp.resolve("journal");
        String runId;
        try (MlflowTracker driver = new MlflowTracker(MlflowServerExtension.url(), journal, Duration.ofSeconds(60))) {
            TrackedRun run = driver.startRun("handoff-test", "trial", null, Map.of());
            runId = run.runId();
            run.logMetric("train_loss", 2.0, 0);
            run.handOff();
            try (MlflowTracker executor = new MlflowTracker(MlflowServerExtension.url(), journal,
                    Duration.ofSeconds(60))) {
                TrackedRun continued = executor.reopen(runId);
                continued.logMetric("train_loss", 1.5, 1);
                continued.end(RunStatus.FINISHED);
            }
        }
        MlflowClient client = new MlflowClient(MlflowServerExtension.url());
        assertEquals(Service.RunStatus.FINISHED, client.getRun(runId).getInfo().getStatus(),
                "the creating tracker's close does not end a run it handed off");
        assertEquals(List.of(0L, 1L), client.getMetricHistory(runId, "train_loss").stream()
                .map(Service.Metric::getStep).sorted().toList());
    }
}
