package org.polyhead.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The learning-rate schedule: linear warm-up to the peak, then a linear or cosine decay to 0 at the last step. */
class OptimConfigTest {
    private static final double LR = 1e-3;

    private static OptimConfig schedule(OptimConfig.Decay decay) {
        return new OptimConfig(LR, 10, 110, 0.9, 0.999, 1e-8, 0.0, decay);
    }

    @Test
    void warmUpRisesLinearlyToThePeak() {
        for (OptimConfig.Decay decay : OptimConfig.Decay.values()) {
            OptimConfig c = schedule(decay);
            assertEquals(LR / 10, c.rateAt(0), 1e-15);
            assertEquals(LR / 2, c.rateAt(4), 1e-15);
            assertEquals(LR, c.rateAt(9), 1e-15);
            assertEquals(LR, c.rateAt(10), 1e-15, "the peak right after warm-up");
        }
    }

    @Test
    void linearDecayIsHalfwayAtTheMiddleAndZeroAtTheEnd() {
        OptimConfig c = schedule(OptimConfig.Decay.LINEAR);
        assertEquals(LR / 2, c.rateAt(60), 1e-15);
        assertEquals(LR * 0.25, c.rateAt(85), 1e-15);
        assertEquals(0.0, c.rateAt(110), 0.0);
    }

    @Test
    void cosineDecayFollowsHalfACosine() {
        OptimConfig c = schedule(OptimConfig.Decay.COSINE);
        assertEquals(LR / 2, c.rateAt(60), 1e-15);
        assertEquals(LR * 0.5 * (1 + Math.cos(Math.PI * 0.25)), c.rateAt(35), 1e-15);
        assertTrue(c.rateAt(35) > schedule(OptimConfig.Decay.LINEAR).rateAt(35), "cosine stays higher early on");
        assertTrue(c.rateAt(85) < schedule(OptimConfig.Decay.LINEAR).rateAt(85), "and falls faster late");
        assertEquals(0.0, c.rateAt(110), 1e-18);
    }

    @Test
    void noTotalMeansConstantAfterWarmUp() {
        OptimConfig c = OptimConfig.adam(LR, 2, 0);
        assertEquals(LR / 2, c.rateAt(0), 1e-15);
        assertEquals(LR, c.rateAt(500), 0.0);
    }

    @Test
    void aGroupsPeakScalesTheWholeScheduleAndTheSpecsOwnPeakIsUnchanged() {
        for (OptimConfig.Decay decay : OptimConfig.Decay.values()) {
            OptimConfig c = schedule(decay);
            for (int t = 0; t < 120; t++) {
                assertEquals(c.rateAt(t), c.rateAt(t, LR), 0.0, "bit for bit at step " + t);
                assertEquals(20 * c.rateAt(t), c.rateAt(t, 20 * LR), 1e-12 * LR, "step " + t);
            }
        }
    }
}
