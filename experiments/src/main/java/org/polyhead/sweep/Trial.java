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
                .map(e -> e.getKey().substring(e.getKey().lastIndexOf('.') + 1) + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
