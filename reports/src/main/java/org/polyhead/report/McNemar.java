package org.polyhead.report;

/**
 * McNemar's exact test for two classifiers on the same test examples (McNemar 1947; exact form as in Dietterich 1998):
 * only the discordant examples count, {@code b} that the first model gets right and the second wrong and {@code c}
 * the reverse. Under the null hypothesis of equal accuracy each discordant example is a fair coin, so the two-sided
 * p-value is {@code min(1, 2·P[X ≤ min(b, c)])} for X ~ Binomial(b + c, ½).
 */
public final class McNemar {
    private McNemar() {}

    /** The two-sided exact p-value; 1 when there is no discordant example. */
    public static double exactP(int b, int c) {
        int n = b + c;
        if (n == 0) {
            return 1.0;
        }
        int k = Math.min(b, c);
        double tail = 0;
        for (int i = 0; i <= k; i++) {
            tail += Math.exp(logChoose(n, i) - n * Math.log(2));
        }
        return Math.min(1.0, 2 * tail);
    }

    /** Counts the discordant pairs of two runs' per-example correctness: {b, c}. */
    public static int[] discordant(boolean[] first, boolean[] second) {
        int b = 0;
        int c = 0;
        for (int i = 0; i < first.length; i++) {
            b += first[i] && !second[i] ? 1 : 0;
            c += !first[i] && second[i] ? 1 : 0;
        }
        return new int[] {b, c};
    }

    private static double logChoose(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) {
            s += Math.log(n - k + i) - Math.log(i);
        }
        return s;
    }
}
