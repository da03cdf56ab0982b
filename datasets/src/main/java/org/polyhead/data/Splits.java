package org.polyhead.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/** Deterministic splits from a seed. */
public final class Splits {
    private Splits() {}

    /**
     * Shuffles the distinct units with the seed and gives whole units to validation until it holds at least
     * {@code validation} of the records; no unit appears in both parts.
     */
    public static Split byUnit(List<GroupRecord> records, double validation, long seed) {
        Map<String, List<GroupRecord>> byUnit = new LinkedHashMap<>();
        records.forEach(r -> byUnit.computeIfAbsent(r.unit(), k -> new ArrayList<>()).add(r));
        List<String> units = new ArrayList<>(new TreeSet<>(byUnit.keySet()));
        Collections.shuffle(units, new Random(seed));
        long target = Math.round(validation * records.size());
        Set<String> valUnits = new TreeSet<>();
        long taken = 0;
        for (String u : units) {
            if (taken >= target) {
                break;
            }
            valUnits.add(u);
            taken += byUnit.get(u).size();
        }
        List<GroupRecord> train = new ArrayList<>();
        List<GroupRecord> val = new ArrayList<>();
        records.forEach(r -> (valUnits.contains(r.unit()) ? val : train).add(r));
        return new Split(train, val);
    }

    /** A seeded sample of at most {@code max} records (all of them if {@code max} ≤ 0), in source order. */
    public static List<GroupRecord> sample(List<GroupRecord> records, int max, long seed) {
        if (max <= 0 || records.size() <= max) {
            return records;
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, new Random(seed));
        List<Integer> keep = new ArrayList<>(idx.subList(0, max));
        Collections.sort(keep);
        return keep.stream().map(records::get).toList();
    }
}
