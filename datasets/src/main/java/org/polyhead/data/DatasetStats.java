package org.polyhead.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A dataset's statistics as text: record count, words per text (min/median/p90/max) and the label counts per group,
 * per hierarchy level or per binary label, so a user sees class balance and lengths before training.
 */
public final class DatasetStats {
    private DatasetStats() {}

    public static String describe(Dataset<? extends TextRecord> d) {
        StringBuilder sb = new StringBuilder();
        sb.append("dataset  ").append(d.name()).append('\n');
        sb.append("source   ").append(d.source()).append('\n');
        sb.append("sha256   ").append(d.sha256()).append('\n');
        sb.append("records  ").append(d.records().size());
        long units = d.records().stream().map(TextRecord::unit).distinct().count();
        if (units < d.records().size()) {
            sb.append(" in ").append(units).append(" split units");
        }
        sb.append('\n');
        sb.append("words    ").append(distribution(d.records().stream()
                .map(r -> (double) r.text().trim().split("\\s+").length).toList(), true)).append('\n');
        List<? extends TextRecord> rs = d.records();
        if (!rs.isEmpty() && rs.get(0) instanceof GroupRecord) {
            groups(sb, cast(rs));
        } else if (!rs.isEmpty() && rs.get(0) instanceof PathRecord) {
            levels(sb, cast(rs));
        } else if (!rs.isEmpty() && rs.get(0) instanceof SpanRecord) {
            targets(sb, cast(rs));
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static <R> List<R> cast(List<?> records) {
        return (List<R>) records;
    }

    private static void groups(StringBuilder sb, List<GroupRecord> rs) {
        TreeSet<String> names = new TreeSet<>();
        rs.forEach(r -> names.addAll(r.labels().keySet()));
        for (String g : names) {
            List<Object> values = rs.stream().map(r -> r.labels().get(g)).filter(v -> v != null).toList();
            String missing = values.size() < rs.size() ? ", " + (rs.size() - values.size()) + " without a label" : "";
            if (values.stream().allMatch(v -> v instanceof Double)) {
                sb.append("group ").append(g).append(" (continuous").append(missing).append("): ")
                        .append(distribution(values.stream().map(v -> (Double) v).toList(), false)).append('\n');
            } else {
                boolean multi = values.stream().anyMatch(v -> v instanceof List);
                List<String> classes = new ArrayList<>();
                for (Object v : values) {
                    if (v instanceof List<?> l) {
                        l.forEach(c -> classes.add(c.toString()));
                    } else {
                        classes.add(v.toString());
                    }
                }
                counts(sb, "group " + g + " (" + (multi ? "multi-label" : "categorical") + missing + ")", classes);
            }
        }
    }

    private static void levels(StringBuilder sb, List<PathRecord> rs) {
        int depth = rs.stream().mapToInt(r -> r.path().size()).max().orElse(0);
        for (int k = 0; k < depth; k++) {
            int level = k;
            counts(sb, "level " + (k + 1), rs.stream().filter(r -> r.path().size() > level)
                    .map(r -> r.path().get(level)).toList());
        }
        long paths = rs.stream().map(PathRecord::path).distinct().count();
        sb.append("paths    ").append(paths).append(" distinct\n");
    }

    private static void targets(StringBuilder sb, List<SpanRecord> rs) {
        counts(sb, "label", rs.stream().map(r -> Integer.toString(r.label())).toList());
        long distinct = rs.stream().map(r -> r.target().toLowerCase(Locale.ROOT)).distinct().count();
        sb.append("targets  ").append(distinct).append(" distinct words; target position (word index) ")
                .append(distribution(rs.stream().map(r -> (double) wordIndex(r)).toList(), true)).append('\n');
    }

    private static int wordIndex(SpanRecord r) {
        String before = r.text().substring(0, r.start()).trim();
        return before.isEmpty() ? 0 : before.split("\\s+").length;
    }

    private static void counts(StringBuilder sb, String title, Collection<String> labels) {
        Map<String, Long> counts = labels.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new,
                Collectors.counting()));
        sb.append(title).append(": ").append(counts.size()).append(" classes\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sb.append(String.format(Locale.ROOT, "  %7d  %s%n", e.getValue(), e.getKey())));
    }

    /** min / median / p90 / max, nearest-rank percentiles. */
    static String distribution(List<Double> values, boolean integers) {
        if (values.isEmpty()) {
            return "none";
        }
        List<Double> v = values.stream().sorted().toList();
        Function<Double, String> f = x -> integers ? String.valueOf(Math.round(x)) : String.format(Locale.ROOT, "%.4g", x);
        return "min " + f.apply(v.get(0)) + ", median " + f.apply(rank(v, 0.5)) + ", p90 " + f.apply(rank(v, 0.9))
                + ", max " + f.apply(v.get(v.size() - 1));
    }

    private static double rank(List<Double> sorted, double q) {
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
