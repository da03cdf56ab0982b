package org.polyhead.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.polyhead.track.Metrics;

/**
 * Each group's validation accuracy against π, one line per group per design, error bars = std over seeds; the
 * majority baseline's accuracy, when the sweep ran it, as a dashed reference line per group.
 */
final class PiCurvePlot implements Plot {
    static final String FILE = "accuracy_vs_pi.png";

    @Override
    public List<Doc.Image> draw(RunGroups runs, Path dir) throws IOException {
        List<String> tasks = TaskGroups.of(runs);
        if (!runs.varying().contains(RunGroups.PI) || tasks.size() < 2) {
            return List.of();
        }
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title("Validation accuracy against π (mean ± std over seeds)")
                .xAxisTitle("π (weight of " + tasks.get(0) + "; 1−π on " + tasks.get(1) + ")")
                .yAxisTitle("validation accuracy").build();
        chart.getStyler().setMarkerSize(7);
        for (String task : tasks) {
            for (Map.Entry<String, List<RunGroups.Group>> design : byDesign(runs).entrySet()) {
                List<RunGroups.Group> points = design.getValue();
                double[] x = points.stream().mapToDouble(g -> Double.parseDouble(g.get(RunGroups.PI))).toArray();
                double[] y = points.stream().mapToDouble(g -> g.stats(Metrics.accuracy(task)).mean()).toArray();
                double[] err = points.stream().mapToDouble(g -> g.stats(Metrics.accuracy(task)).std()).toArray();
                String name = runs.designParams().isEmpty() ? task : task + " · " + design.getKey();
                chart.addSeries(name, x, y, err).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            }
            referenceLine(chart, runs, task);
        }
        Charts.savePng(chart, dir.resolve(FILE));
        return List.of(new Doc.Image(FILE, "Validation accuracy of each group against π, per design"));
    }

    /** The majority baseline's validation accuracy of a group as a flat dashed line across the π range. */
    private static void referenceLine(XYChart chart, RunGroups runs, String task) {
        runs.baseline("majority").map(b -> b.metrics().get("val_acc_" + task)).ifPresent(v -> {
            double[] pis = runs.groups().stream().mapToDouble(g -> Double.parseDouble(g.get(RunGroups.PI))).toArray();
            double[] x = {java.util.Arrays.stream(pis).min().orElse(0), java.util.Arrays.stream(pis).max().orElse(1)};
            XYSeries line = chart.addSeries("majority baseline · " + task, x, new double[] {v, v});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            line.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
        });
    }

    /** Groups that differ only in π, in π order (the groups are already sorted with π first). */
    static Map<String, List<RunGroups.Group>> byDesign(RunGroups runs) {
        Map<String, List<RunGroups.Group>> out = new LinkedHashMap<>();
        runs.groups().stream().sorted((a, b) -> a.label(Set.of(RunGroups.PI)).compareTo(b.label(Set.of(RunGroups.PI))))
                .forEach(g -> out.computeIfAbsent(g.label(Set.of(RunGroups.PI)), k -> new java.util.ArrayList<>()).add(g));
        return out;
    }
}
