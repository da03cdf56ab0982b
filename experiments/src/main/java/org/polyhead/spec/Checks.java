package org.polyhead.spec;

/** Value checks for spec records; messages name the key path, e.g. {@code loss.pi: must be in [0,1], got 1.3}. */
final class Checks {
    private Checks() {}

    static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + ": must be > 0, got " + value);
        }
    }

    static void fraction(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(key + ": must be in [0,1], got " + value);
        }
    }
}
