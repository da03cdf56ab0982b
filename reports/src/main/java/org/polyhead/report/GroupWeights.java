package org.polyhead.report;

import java.util.List;

/**
 * Whether a configuration gave a label group no weight in its loss (π = 0 for the first group, π = 1 for the second,
 * or a zero in {@code loss.weights}): that group's head was never trained, so its numbers say nothing about the
 * design and findings leave such cells out.
 */
final class GroupWeights {
    private GroupWeights() {}

    /** @param index the group's position in the spec ({@link TaskGroups#of}) */
    static boolean isZero(RunGroups.Group g, int index) {
        return isZero(g.runs().get(0), index);
    }

    static boolean isZero(TrackedRuns.RunRow run, int index) {
        String pi = run.params().get(RunGroups.PI);
        if (pi != null && !pi.isBlank() && index < 2) {
            double p = Double.parseDouble(pi);
            return index == 0 ? p == 0 : p == 1;
        }
        String weights = run.params().get("loss.weights");
        if (weights == null || weights.isBlank() || weights.equals("[]")) {
            return false;
        }
        List<String> w = List.of(weights.replaceAll("[\\[\\]\\s]", "").split(","));
        return index < w.size() && Double.parseDouble(w.get(index)) == 0;
    }
}
