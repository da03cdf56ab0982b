package org.polyhead.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.polyhead.UserError;

/**
 * Deterministic splits from a seed: stratified by a key (each class keeps its share in every part) or by group (no
 * group, e.g. a speech, in two parts). Every part keeps the records' source order, so equal seeds give equal files.
 */
public final class Splits {
    private Splits() {}

    /**
     * Per class of {@code key}: shuffle with the seed, give {@code round(n·val)} records to validation and
     * {@code round(n·test)} to test, the rest to train; a class always keeps at least one training record.
     */
    public static <R extends TextRecord> Split<R> stratified(List<R> records, Function<R, String> key,
                                                             double valFraction, double testFraction, long seed) {
        checkFractions(valFraction, testFraction);
        Map<String, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < records.size(); i++) {
            byClass.computeIfAbsent(key.apply(records.get(i)), k -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        Set<Integer> val = new HashSet<>();
        Set<Integer> test = new HashSet<>();
        for (List<Integer> idx : byClass.values()) {
            Collections.shuffle(idx, random);
            int n = idx.size();
            int nVal = (int) Math.round(n * valFraction);
            int nTest = (int) Math.round(n * testFraction);
            while (nVal + nTest > n - 1 && nVal + nTest > 0) {
                if (nVal >= nTest) {
                    nVal--;
                } else {
                    nTest--;
                }
            }
            val.addAll(idx.subList(0, nVal));
            test.addAll(idx.subList(nVal, nVal + nTest));
        }
        return assemble(records, i -> val.contains(i) ? 1 : test.contains(i) ? 2 : 0);
    }

    /**
     * Shuffles the distinct groups with the seed and gives whole groups to validation until it holds at least
     * {@code valFraction} of the records, then to test likewise; the rest is train. No group is in two parts.
     */
    public static <R extends TextRecord> Split<R> byGroup(List<R> records, Function<R, String> group,
                                                          double valFraction, double testFraction, long seed) {
        checkFractions(valFraction, testFraction);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        records.forEach(r -> sizes.merge(group.apply(r), 1, Integer::sum));
        List<String> groups = new ArrayList<>(new TreeSet<>(sizes.keySet()));
        Collections.shuffle(groups, new Random(seed));
        Map<String, Integer> part = new TreeMap<>();
        long valTarget = Math.round(valFraction * records.size());
        long testTarget = Math.round(testFraction * records.size());
        long val = 0;
        long test = 0;
        for (String g : groups) {
            if (val < valTarget) {
                part.put(g, 1);
                val += sizes.get(g);
            } else if (test < testTarget) {
                part.put(g, 2);
                test += sizes.get(g);
            } else {
                part.put(g, 0);
            }
        }
        return assemble(records, i -> part.get(group.apply(records.get(i))));
    }

    /** Train and validation by {@link GroupRecord#unit()} (no test part): the split the group runner uses. */
    public static Split<GroupRecord> byUnit(List<GroupRecord> records, double validation, long seed) {
        return byGroup(records, GroupRecord::unit, validation, 0.0, seed);
    }

    /** A seeded sample of at most {@code max} records (all of them if {@code max} ≤ 0), in source order. */
    public static <R> List<R> sample(List<R> records, int max, long seed) {
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

    private static <R extends TextRecord> Split<R> assemble(List<R> records, Function<Integer, Integer> partOf) {
        List<List<R>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < records.size(); i++) {
            parts.get(partOf.apply(i)).add(records.get(i));
        }
        return new Split<>(parts.get(0), parts.get(1), parts.get(2));
    }

    private static void checkFractions(double val, double test) {
        if (!(val >= 0 && test >= 0 && val + test < 1)) {
            throw new UserError("split fractions must be ≥ 0 with validation + test < 1, got validation "
                    + val + ", test " + test);
        }
    }
}
