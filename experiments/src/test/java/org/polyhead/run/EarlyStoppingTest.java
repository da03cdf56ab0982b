package org.polyhead.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.polyhead.UserError;
import org.polyhead.spec.SpecLoader;
import org.polyhead.sweep.SweepCheck;
import org.polyhead.task.TaskData;
import org.polyhead.track.MlflowServerExtension;

/**
 * Early stopping on a named validation metric: patience counts epochs without improvement, in the metric's direction;
 * a metric the run would never log is refused before the run exists (nothing here talks to MLflow).
 */
class EarlyStoppingTest {

    private static boolean epoch(EarlyStopping s, String metric, double v) {
        return s.shouldStop(Map.of(metric, v, "epoch", 1.0));
    }

    @Test
    void accuracyStopsAfterPatienceEpochsWithoutARise() {
        EarlyStopping s = new EarlyStopping("val_acc_party", 2);
        assertFalse(epoch(s, "val_acc_party", 0.50));
        assertFalse(epoch(s, "val_acc_party", 0.60));
        assertFalse(epoch(s, "val_acc_party", 0.60), "equal is not better: 1 stale epoch");
        assertFalse(epoch(s, "val_acc_party", 0.65), "a rise resets the count");
        assertFalse(epoch(s, "val_acc_party", 0.64));
        assertTrue(epoch(s, "val_acc_party", 0.62), "2 stale epochs with patience 2");
    }

    @Test
    void lossesMustFall() {
        EarlyStopping s = new EarlyStopping("val_loss_era", 1);
        assertFalse(epoch(s, "val_loss_era", 1.0));
        assertFalse(epoch(s, "val_loss_era", 0.8));
        assertTrue(epoch(s, "val_loss_era", 0.9));
    }

    @Test
    void noMetricNeverStopsAndAnUnknownOneIsNamed() {
        EarlyStopping off = new EarlyStopping(null, 1);
        for (int i = 0; i < 5; i++) {
            assertFalse(epoch(off, "val_acc_party", 0.5));
        }
        UserError e = assertThrows(UserError.class, () -> epoch(new EarlyStopping("val_acc_prty", 1), "val_acc_party", 0.5));
        assertTrue(e.getMessage().contains("training.early_stopping") && e.getMessage().contains("val_acc_prty"));
    }

    @Test
    void aMistypedMetricIsRefusedBeforeTheRunExistsWithTheNamesItCouldBe(@TempDir Path tmp) throws IOException {
        UserError e = assertThrows(UserError.class, () -> check(tmp, GROUPED, "val_acc_partyy"));
        assertEquals("training.early_stopping: no validation metric 'val_acc_partyy' in this run; it logs "
                + "val_acc_era, val_acc_party, val_f1_era, val_f1_party, val_loss_era, val_loss_party; "
                + "did you mean 'val_acc_party'?", e.getMessage());
        check(tmp, GROUPED, "val_loss_era");
        check(tmp, GROUPED, null);
    }

    @Test
    void aMetricOfAnotherTaskKindIsRefused(@TempDir Path tmp) throws IOException {
        UserError e = assertThrows(UserError.class, () -> check(tmp, GROUPED, "val_path_acc"));
        assertTrue(e.getMessage().startsWith("training.early_stopping: no validation metric 'val_path_acc'"),
                e.getMessage());
    }

    @Test
    void aHierarchyOffersItsLevelsPathMetricsAndItsDesignsDiagnostics(@TempDir Path tmp) throws IOException {
        for (String metric : List.of("val_acc_level2", "val_path_acc", "val_path_acc_constrained", "val_hf1",
                "val_consistency", "val_teacher_gap_level1")) {
            check(tmp, HIERARCHY, metric);
        }
        UserError e = assertThrows(UserError.class, () -> check(tmp, HIERARCHY.replace("conditioned-teacher", "flat"),
                "val_teacher_gap_level1"));
        assertTrue(e.getMessage().contains("val_path_acc_constrained"), e.getMessage());
        check(tmp, HIERARCHY.replace("conditioned-teacher", "staged"), "val_loss_level2");  // trains its own way
    }

    @Test
    void theSweepsCheckRefusesTheTrialWithTheBadMetric(@TempDir Path tmp) throws IOException {
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("spec.yaml"), GROUPED),
                List.of("sweep.grid={training.early_stopping: [val_acc_party, val_acc_partyy]}"));
        UserError e = assertThrows(UserError.class, () -> SweepCheck.check(spec,
                r -> TaskData.prepare(r, MlflowServerExtension.projectHome(), tmp), tmp));
        assertTrue(e.getMessage().startsWith("sweep trial 2/2 (early_stopping=val_acc_partyy): "
                + "training.early_stopping: no validation metric 'val_acc_partyy'"), e.getMessage());
    }

    private static final String GROUPED = """
            name: early
            data: {name: sotu, max_records: 60, validation: 0.25, max_length: 16}
            encoder: {layers: 1, hidden: 16, heads: 2, intermediate: 32}
            groups: [{name: party}, {name: era}]
            training: {epochs: 1, batch_size: 16}
            """;
    private static final String HIERARCHY = """
            name: early-hierarchy
            data: {name: wordnet-hierarchy, max_records: 120, validation: 0.25, max_length: 16}
            encoder: {layers: 1, hidden: 16, heads: 2, intermediate: 32}
            model: {heads: conditioned-teacher}
            training: {epochs: 1, batch_size: 16}
            """;

    /** {@link TrialRunner#check} of the spec with {@code training.early_stopping} set (null: unset). */
    private static void check(Path tmp, String spec, String metric) throws IOException {
        List<String> sets = metric == null ? List.of() : List.of("training.early_stopping=" + metric);
        SpecLoader.Resolved trial = SpecLoader.load(Files.writeString(tmp.resolve("spec.yaml"), spec), sets);
        new TrialRunner(tmp).check(trial, TaskData.prepare(trial, MlflowServerExtension.projectHome(), tmp));
    }
}
