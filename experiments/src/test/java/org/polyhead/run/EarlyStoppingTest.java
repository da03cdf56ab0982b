package org.polyhead.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.polyhead.UserError;

/** Early stopping on a named validation metric: patience counts epochs without improvement, in the metric's direction. */
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
}
