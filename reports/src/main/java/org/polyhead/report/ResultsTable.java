package org.polyhead.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The main table: one row per configuration, its swept params, the number of runs, and mean ± std per metric. */
final class ResultsTable {
    private ResultsTable() {}

    static Doc.Table of(RunGroups runs) {
        List<String> header = new ArrayList<>();
        runs.varying().forEach(p -> header.add(RunGroups.shortName(p)));
        if (header.isEmpty()) {
            header.add("configuration");
        }
        header.add("runs");
        runs.metrics().forEach(header::add);
        List<List<String>> rows = new ArrayList<>();
        for (RunGroups.Group g : runs.groups()) {
            List<String> row = new ArrayList<>(runs.varying().isEmpty() ? List.of("all runs") : g.key().values());
            row.add(Integer.toString(g.runs().size()));
            runs.metrics().forEach(m -> row.add(g.stats(m).format()));
            rows.add(row);
        }
        for (TrackedRuns.RunRow b : runs.baselines()) {
            List<String> row = new ArrayList<>();
            row.add("baseline `" + b.tags().get(RunGroups.BASELINE_TAG) + "`");
            while (row.size() < header.size() - runs.metrics().size() - 1) {
                row.add("");
            }
            row.add("1");
            runs.metrics().forEach(m -> row.add(Stats.of(b.metrics().containsKey(m) ? List.of(b.metrics().get(m))
                    : List.of()).format()));
            rows.add(row);
        }
        return new Doc.Table(header, rows);
    }

    /** The same numbers at full precision, one line per configuration and metric, for other tools. */
    static String csv(RunGroups runs) {
        StringBuilder sb = new StringBuilder();
        runs.varying().forEach(p -> sb.append(p).append(','));
        sb.append("metric,mean,std,n\n");
        for (RunGroups.Group g : runs.groups()) {
            for (String m : runs.metrics()) {
                Stats s = g.stats(m);
                g.key().values().forEach(v -> sb.append(v.contains(",") ? '"' + v.replace("\"", "\"\"") + '"' : v).append(','));
                sb.append(m).append(',').append(String.format(Locale.ROOT, "%.17g,%.17g,%d", s.mean(), s.std(), s.n()))
                        .append('\n');
            }
        }
        return sb.toString();
    }
}
