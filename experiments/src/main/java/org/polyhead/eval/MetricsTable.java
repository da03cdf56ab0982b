package org.polyhead.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.polyhead.track.Metrics;

/** Per-epoch validation metrics of a run, kept for the {@code metrics.csv} artifact. */
public final class MetricsTable {
    private final List<Map<String, Double>> rows = new ArrayList<>();

    public MetricsTable() {}

    /** Continues a table saved in a checkpoint. */
    public MetricsTable(List<Map<String, Double>> saved) {
        rows.addAll(saved);
    }

    public List<Map<String, Double>> rows() {
        return List.copyOf(rows);
    }

    public void add(int epoch, int step, Map<String, Double> metrics) {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put(Metrics.EPOCH, (double) epoch);
        row.put(Metrics.STEP, (double) step);
        metrics.forEach((k, v) -> {
            if (!k.equals(Metrics.EPOCH)) {
                row.put(k, v);
            }
        });
        rows.add(row);
    }

    public String csv() {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> columns.addAll(r.keySet()));
        StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, Double> r : rows) {
            sb.append(String.join(",", columns.stream().map(c -> format(r.get(c))).toList())).append('\n');
        }
        return sb.toString();
    }

    private static String format(Double v) {
        if (v == null) {
            return "";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString(v.longValue()) : Double.toString(v);
    }
}
