package org.polyhead.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The report's statistics against values computed by hand, and bootstrap intervals on cases with a known answer. */
class StatisticsTest {

    @Test
    void mcNemarExactPMatchesTheBinomialTailByHand() {
        // b=1, c=6: n=7, P[X ≤ 1] = (C(7,0) + C(7,1)) / 2^7 = 8/128; two-sided 16/128
        assertEquals(0.125, McNemar.exactP(1, 6), 1e-12);
        assertEquals(0.125, McNemar.exactP(6, 1), 1e-12);
        // b=0, c=5: 2 · 1/32
        assertEquals(0.0625, McNemar.exactP(0, 5), 1e-12);
        // b=2, c=10: 2 · (1 + 12 + 66) / 4096
        assertEquals(158.0 / 4096, McNemar.exactP(2, 10), 1e-12);
        // balanced discordance: 2 · 42/64 > 1, capped
        assertEquals(1.0, McNemar.exactP(3, 3), 0.0);
        assertEquals(1.0, McNemar.exactP(0, 0), 0.0);
    }

    @Test
    void discordantPairsCountOnlyExamplesTheModelsDisagreeOn() {
        boolean[] a = {true, true, false, false, true};
        boolean[] b = {true, false, true, false, false};
        assertEquals(2, McNemar.discordant(a, b)[0]);
        assertEquals(1, McNemar.discordant(a, b)[1]);
    }

    @Test
    void percentileInterpolatesBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertEquals(1.0, Bootstrap.percentile(sorted, 0.0), 0.0);
        assertEquals(3.0, Bootstrap.percentile(sorted, 0.5), 0.0);
        assertEquals(1.1, Bootstrap.percentile(sorted, 0.025), 1e-12);
        assertEquals(4.9, Bootstrap.percentile(sorted, 0.975), 1e-12);
    }

    @Test
    void pairedBootstrapContainsTheTrueDifferenceAndExcludesZero() {
        // two models with true accuracies 0.80 and 0.70 on 2,000 examples, errors drawn independently
        Random random = new Random(7);
        int n = 2000;
        boolean[] a = new boolean[n];
        boolean[] b = new boolean[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextDouble() < 0.80;
            b[i] = random.nextDouble() < 0.70;
        }
        Interval d = Bootstrap.pairedDifference(new boolean[][] {a}, new boolean[][] {b});
        assertTrue(d.contains(0.10), d.format());
        assertTrue(d.excludesZero(), d.format());
        // the difference's standard error is about √(0.8·0.2/n + 0.7·0.3/n) ≈ 0.0136: the interval ≈ ±0.027
        assertEquals(2 * 1.96 * 0.0136, d.high() - d.low(), 0.01);
    }

    @Test
    void equalModelsDifferByNothingSignificant() {
        boolean[] a = new boolean[200];
        boolean[] b = new boolean[200];
        for (int i = 0; i < 200; i++) {
            a[i] = i < 100;        // right on the first half
            b[i] = i >= 100;       // right on the second half: same accuracy, different examples
        }
        Interval d = Bootstrap.pairedDifference(new boolean[][] {a}, new boolean[][] {b});
        assertEquals(0.0, d.estimate(), 0.0);
        assertFalse(d.excludesZero(), d.format());
        assertEquals(1.0, McNemar.exactP(100, 100), 0.0);
    }

    @Test
    void accuracyIntervalAveragesSeedsOnTheSameDrawAndIsReproducible() {
        boolean[] seed1 = {true, true, true, false};
        boolean[] seed2 = {true, false, true, true};
        Interval i = Bootstrap.accuracy(new boolean[][] {seed1, seed2});
        assertEquals(0.75, i.estimate(), 0.0);
        assertTrue(i.low() <= 0.75 && 0.75 <= i.high(), i.format());
        assertEquals(i, Bootstrap.accuracy(new boolean[][] {seed1, seed2}), "a fixed seed: the same interval");
    }

    @Test
    void intervalOverSeedsLiesWithinTheSeedValues() {
        Interval i = Bootstrap.mean(new double[] {0.70, 0.74, 0.78});
        assertEquals(0.74, i.estimate(), 1e-12);
        assertTrue(i.low() >= 0.70 - 1e-12 && i.high() <= 0.78 + 1e-12, i.format());
        assertTrue(i.low() < 0.74 && i.high() > 0.74, i.format());
        Interval constant = Bootstrap.mean(new double[] {0.5, 0.5, 0.5});
        assertEquals(new Interval(0.5, 0.5, 0.5), constant);
    }
}
