package org.polyhead.sweep;

import java.util.Map;
import java.util.stream.Collectors;

/** One point of a sweep: the overrides applied to the base spec, and a readable run name made from them. */
public record Trial(Map<String, Object> overrides) {
    public Trial {
        overrides = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(overrides));
    }

    /** e.g. {@code pi=0.25 heads=split seed=1}: the last segment of each key. */
    public String name() {
        if (overrides.isEmpty()) {
            return "base";
        }
        return overrides.entrySet().stream()
                .map(e -> e.getKey().substring(e.getKey().lastIndexOf('.') + 1) + "=" + show(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    /** A random draw such as 4.567891234E-4 shows as 0.0004568 (the override itself keeps every digit). */
    private static String show(Object v) {
        if (v instanceof Double d && Double.isFinite(d) && Double.toString(d).length() > 8) {
            return new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }
}
