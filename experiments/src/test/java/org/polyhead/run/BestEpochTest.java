package org.polyhead.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The test part is evaluated with the best validation epoch's weights: the copy taken at that epoch survives later
 * training, a falling metric picks its minimum, and without an early-stopping metric the last epoch is used.
 */
class BestEpochTest {

    @Test
    void restoresTheWeightsOfTheEpochWithTheHighestAccuracy() {
        INDArray w = Nd4j.createFromArray(1f, 1f);
        Map<String, INDArray> live = Map.of("w", w);
        BestEpoch best = new BestEpoch("val_acc_pos");
        best.offer(1, 10, Map.of("val_acc_pos", 0.5), live);
        w.assign(2f);
        best.offer(2, 20, Map.of("val_acc_pos", 0.7), live);
        w.assign(3f);
        best.offer(3, 30, Map.of("val_acc_pos", 0.6), live);
        assertEquals(2, best.epoch());
        assertEquals(20, best.step(), "the global step its test metrics are logged at");
        best.restore(live);
        assertEquals(Nd4j.createFromArray(2f, 2f), w, "epoch 2's copy, not the live array it was taken from");
    }

    @Test
    void aLossPicksItsMinimumAndNoMetricPicksTheLastEpoch() {
        Map<String, INDArray> live = Map.of("w", Nd4j.createFromArray(0f));
        BestEpoch loss = new BestEpoch("val_loss_pos");
        loss.offer(1, 10, Map.of("val_loss_pos", 0.9), live);
        loss.offer(2, 20, Map.of("val_loss_pos", 0.4), live);
        loss.offer(3, 30, Map.of("val_loss_pos", 0.5), live);
        assertEquals(2, loss.epoch());
        BestEpoch none = new BestEpoch(null);
        for (int e = 1; e <= 3; e++) {
            none.offer(e, 10L * e, Map.of("val_acc_pos", 1.0 / e), live);
        }
        assertEquals(3, none.epoch());
    }

    @Test
    void aBestEpochFromBeforeAResumeHasNoWeightsKept() {
        BestEpoch best = new BestEpoch("val_acc_pos");
        best.offer(1, 10, Map.of("val_acc_pos", 0.9), null);
        best.offer(2, 20, Map.of("val_acc_pos", 0.8), Map.of("w", Nd4j.createFromArray(0f)));
        assertEquals(1, best.epoch());
        assertFalse(best.kept());
        best.offer(3, 30, Map.of("val_acc_pos", 0.95), Map.of("w", Nd4j.createFromArray(0f)));
        assertTrue(best.kept());
    }
}
