package org.polyhead.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /** A fraction where 0 and 1 are meaningless (e.g. the validation share: neither split may be empty). */
    static void openFraction(String key, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(key + ": must be in (0,1), got " + value);
        }
    }

    /** A probability of dropping a unit: 1 would drop everything. */
    static void dropout(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(key + ": must be in [0,1), got " + value);
        }
    }

    static void atLeast(String key, double value, double min) {
        if (!(value >= min)) {
            throw new IllegalArgumentException(key + ": must be >= " + fmt(min) + ", got " + fmt(value));
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Group names key the heads, targets and metrics: two groups of one name would overwrite each other. */
    static void distinctGroups(List<ExperimentSpec.GroupSpec> groups) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            if (!seen.add(groups.get(i).name())) {
                throw new IllegalArgumentException("groups[" + i + "].name: duplicate group name '"
                        + groups.get(i).name() + "'");
            }
        }
    }
}
