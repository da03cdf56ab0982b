package org.polyhead.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.polyhead.UserError;
import org.polyhead.spec.ExperimentSpec;

/**
 * Expands a spec's {@code sweep} into trials: the cartesian product of the grid (keys in sorted order, values in the
 * order listed), each combined with {@code trials} random draws from the ranges ({@code [low, high]}, uniform, seeded).
 */
public final class SweepPlan {
    private SweepPlan() {}

    public static List<Trial> trials(ExperimentSpec.SweepSpec sweep) {
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> axis : new TreeMap<>(sweep.grid()).entrySet()) {
            if (axis.getValue() == null || axis.getValue().isEmpty()) {
                throw new UserError("sweep.grid." + axis.getKey() + ": needs at least one value");
            }
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> p : points) {
                for (Object v : axis.getValue()) {
                    Map<String, Object> q = new LinkedHashMap<>(p);
                    q.put(axis.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        if (!sweep.random().isEmpty()) {
            if (sweep.trials() <= 0) {
                throw new UserError("sweep.trials: must be > 0 when sweep.random is given");
            }
            Random rng = new Random(sweep.seed());
            List<Map<String, Object>> next = new ArrayList<>();
            for (int i = 0; i < sweep.trials(); i++) {
                Map<String, Object> draw = new LinkedHashMap<>();
                for (Map.Entry<String, List<Double>> range : new TreeMap<>(sweep.random()).entrySet()) {
                    List<Double> r = range.getValue();
                    if (r == null || r.size() != 2 || !(r.get(0) <= r.get(1))) {
                        throw new UserError("sweep.random." + range.getKey() + ": expected [low, high], got " + r);
                    }
                    draw.put(range.getKey(), r.get(0) + rng.nextDouble() * (r.get(1) - r.get(0)));
                }
                for (Map<String, Object> p : points) {
                    Map<String, Object> q = new LinkedHashMap<>(p);
                    q.putAll(draw);
                    next.add(q);
                }
            }
            points = next;
        }
        return points.stream().map(Trial::new).toList();
    }
}
