package org.polyhead.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.UserError;

/**
 * A journal entry leaves the journal only when a real MLflow server answered 2xx to the request that carried it: a
 * service that is not MLflow is refused before anything is replayed, a proxy that answers MLflow's probe but not its
 * API gets nothing deleted, and an entry MLflow refuses stays in the journal with MLflow's reason.
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class JournalDeliveryIntegrationTest {
    private static final int ENTRIES = 40;

    @Test
    void aServiceThatIsNotMlflowIsRefusedInOneLineBeforeAnyJournalIsReplayed(@TempDir Path root) throws Exception {
        leaveJournal(root, "0123456789abcdef");
        try (NotMlflowService service = new NotMlflowService(false)) {
            UserError e = assertThrows(UserError.class, () -> new MlflowTracker(service.url(), root,
                    Duration.ofSeconds(2)).close());
            assertTrue(e.getMessage().startsWith(service.url() + " is not an MLflow tracking server"), e.getMessage());
            assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("<html>"), e.getMessage());
        }
        assertEquals(ENTRIES, Journal.backlog(root, "0123456789abcdef").left(), "every entry is still journaled");
    }

    @Test
    void aProxyThatAnswersTheProbeButNotTheApiGetsNothingDeleted(@TempDir Path root) throws Exception {
        leaveJournal(root, "fedcba9876543210");
        try (NotMlflowService proxy = new NotMlflowService(true);
             MlflowTracker tracker = new MlflowTracker(proxy.url(), root, Duration.ofSeconds(2))) {
            assertEquals(ENTRIES, tracker.replayed().left(), "nothing counts as delivered");
            assertEquals(0, tracker.replayed().sent());
        }
        Journal.Backlog kept = Journal.backlog(root, "fedcba9876543210");
        assertEquals(ENTRIES, kept.left());
        assertEquals(Map.of(), kept.refused(), "a page that is not MLflow's answer is no refusal either");
    }

    @Test
    void anEntryMlflowRefusesStaysJournaledWithItsReasonAndTheRestArrives(@TempDir Path tmp) {
        Path root = tmp.resolve("journal");
        String runId;
        try (MlflowTracker tracker = new MlflowTracker(MlflowServerExtension.url(), root, Duration.ofSeconds(30))) {
            TrackedRun run = tracker.startRun("delivery-test", "refused-param", null, Map.of());
            runId = run.runId();
            run.logParams(Map.of("training.lr", "0.001"));
            run.logMetric("train_loss", 0.5, 0);
            run.logParams(Map.of("training.lr", "0.002"));  // MLflow refuses a param changed after it was logged
            run.logMetric("train_loss", 0.25, 1);
            run.end(RunStatus.FINISHED);
        }
        Journal.Backlog kept = Journal.backlog(root, runId);
        assertEquals(1, kept.left(), "the refused param is kept");
        String reason = kept.refused().values().iterator().next();
        assertTrue(reason.contains("INVALID_PARAMETER_VALUE"), reason);
        Service.Run stored = new MlflowClient(MlflowServerExtension.url()).getRun(runId);
        assertEquals(Service.RunStatus.FINISHED, stored.getInfo().getStatus(), "the rest arrived");
        assertEquals(List.of(0.5, 0.25), new MlflowClient(MlflowServerExtension.url())
                .getMetricHistory(runId, "train_loss").stream().map(Service.Metric::getValue).toList());
    }

    /** A journal an earlier process left: a run that logged {@link #ENTRIES} metric points and was never sent. */
    private static void leaveJournal(Path root, String runId) {
        try (Journal j = Journal.open(root, runId).orElseThrow()) {
            for (int step = 0; step < ENTRIES; step++) {
                j.append(JournalEntry.Kind.METRIC, "train_loss", null, 1.0 / (step + 1), (long) step, 1000L + step);
            }
        }
    }
}
