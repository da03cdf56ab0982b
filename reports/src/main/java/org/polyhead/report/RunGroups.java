package org.polyhead.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Runs grouped into configurations: the params that differ between runs, less replicate params (any {@code *seed}),
 * decide the group; the seeds inside a group are averaged. A varying param that only renames another (the short
 * {@code pi} that runs logged beside {@code loss.pi} until π was logged once) is dropped, so each swept dimension
 * appears once; the spec's own {@code sweep.*} section never defines a group.
 */
public final class RunGroups {
    /** The param swept against in π-sweeps; a report's x axis when it varies. */
    public static final String PI = "loss.pi";
    /** Tag of a baseline run (its value names the baseline); such runs are kept apart from the groups. */
    public static final String BASELINE_TAG = "polyhead.baseline";

    private final List<TrackedRuns.RunRow> runs;
    private final List<TrackedRuns.RunRow> baselines;
    private final List<String> varying;
    private final List<Group> groups;

    /** One configuration and its replicate runs. */
    public record Group(Map<String, String> key, List<TrackedRuns.RunRow> runs) {
        public Stats stats(String metric) {
            return Stats.of(runs.stream().map(r -> r.metrics().get(metric)).filter(v -> v != null && !v.isNaN()).toList());
        }

        /** {@code heads=split pooling=mean}, leaving out the given params (e.g. the x axis). */
        public String label(Set<String> without) {
            String s = key.entrySet().stream().filter(e -> !without.contains(e.getKey()))
                    .map(e -> shortName(e.getKey()) + "=" + e.getValue()).collect(Collectors.joining(" "));
            return s.isEmpty() ? "all runs" : s;
        }

        public String get(String param) {
            return key.get(param);
        }
    }

    /** Groups the trials among {@code runs}; baseline runs (tag {@link #BASELINE_TAG}) go to {@link #baselines()}. */
    public RunGroups(List<TrackedRuns.RunRow> all) {
        this.baselines = all.stream().filter(RunGroups::isBaseline).toList();
        List<TrackedRuns.RunRow> runs = all.stream().filter(r -> !isBaseline(r)).toList();
        this.runs = runs;
        this.varying = varyingParams(runs);
        Map<List<String>, List<TrackedRuns.RunRow>> byKey = new TreeMap<>(RunGroups::compareKeys);
        for (TrackedRuns.RunRow r : runs) {
            byKey.computeIfAbsent(varying.stream().map(p -> r.params().getOrDefault(p, "")).toList(),
                    k -> new ArrayList<>()).add(r);
        }
        this.groups = byKey.entrySet().stream().map(e -> {
            Map<String, String> key = new LinkedHashMap<>();
            for (int i = 0; i < varying.size(); i++) {
                key.put(varying.get(i), e.getKey().get(i));
            }
            return new Group(key, List.copyOf(e.getValue()));
        }).toList();
    }

    /** The trials (baseline runs left out). */
    public List<TrackedRuns.RunRow> runs() {
        return runs;
    }

    /** The baseline runs, one per baseline and data configuration. */
    public List<TrackedRuns.RunRow> baselines() {
        return baselines;
    }

    /** The baseline run of that name, if the runs have one. */
    public java.util.Optional<TrackedRuns.RunRow> baseline(String name) {
        return baselines.stream().filter(r -> name.equals(r.tags().get(BASELINE_TAG))).findFirst();
    }

    public static boolean isBaseline(TrackedRuns.RunRow r) {
        return r.tags().containsKey(BASELINE_TAG);
    }

    /** The swept params that define groups, in a stable order ({@link #PI} first when present). */
    public List<String> varying() {
        return varying;
    }

    public List<Group> groups() {
        return groups;
    }

    /** Validation metrics that any run has (losses left out), sorted. */
    public List<String> metrics() {
        return runs.stream().flatMap(r -> r.metrics().keySet().stream())
                .filter(m -> m.startsWith("val_") && !m.startsWith("val_loss")).distinct().sorted().toList();
    }

    public boolean hasMetric(String metric) {
        return runs.stream().anyMatch(r -> r.metrics().containsKey(metric));
    }

    /** The varying params other than {@link #PI}: what tells one design from another. */
    public Set<String> designParams() {
        return varying.stream().filter(p -> !p.equals(PI)).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** A seed param of the run itself (the sweep section's copies of the swept values do not count). */
    public static boolean isReplicate(String param) {
        if (param.startsWith("sweep.")) {
            return false;
        }
        String last = param.substring(param.lastIndexOf('.') + 1);
        return last.equals("seed") || last.endsWith("_seed");
    }

    static String shortName(String param) {
        return param.substring(param.lastIndexOf('.') + 1);
    }

    private static List<String> varyingParams(List<TrackedRuns.RunRow> runs) {
        Set<String> keys = new TreeSet<>(Comparator.comparing((String k) -> !k.equals(PI))
                .thenComparing(k -> !k.contains(".")).thenComparing(Comparator.naturalOrder()));
        runs.forEach(r -> keys.addAll(r.params().keySet()));
        List<String> out = new ArrayList<>();
        List<List<String>> partitions = new ArrayList<>();
        for (String k : keys) {
            List<String> values = runs.stream().map(r -> r.params().getOrDefault(k, "")).toList();
            if (k.startsWith("sweep.") || isReplicate(k) || values.stream().distinct().count() < 2) {
                continue;
            }
            List<String> partition = partition(values);
            if (!partitions.contains(partition)) {
                partitions.add(partition);
                out.add(k);
            }
        }
        return out;
    }

    /** Each value replaced by the index of its first occurrence: equal lists mean the same grouping of runs. */
    private static List<String> partition(List<String> values) {
        return values.stream().map(v -> Integer.toString(values.indexOf(v))).toList();
    }

    /** Numbers compare as numbers, so π 0.1 < 0.5 < 1.0. */
    static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    static int compareValues(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
