package org.polyhead.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Bars of several validation metrics (categories) for each configuration (series), mean ± std over seeds: per-level
 * accuracy and consistency per hierarchical head design, or accuracy/F1/AUC per pooling; baseline runs, when the
 * sweep ran them, as further series (the metrics they have).
 */
final class MetricBarsPlot implements Plot {
    private final String file;
    private final String title;
    private final Function<RunGroups, List<String>> metrics;

    /** @param metrics the metrics to show for these runs; empty when the plot does not apply */
    MetricBarsPlot(String file, String title, Function<RunGroups, List<String>> metrics) {
        this.file = file;
        this.title = title;
        this.metrics = metrics;
    }

    /** Per-level accuracy, path accuracy, consistency and hierarchical F1, when the runs are hierarchical. */
    static MetricBarsPlot hierarchy() {
        return new MetricBarsPlot("hierarchy.png", "Accuracy and consistency per head design", runs -> {
            List<String> whole = List.of("val_path_acc", "val_path_acc_constrained", "val_consistency", "val_hf1");
            if (whole.stream().noneMatch(runs::hasMetric)) {
                return List.of();
            }
            List<String> levels = runs.metrics().stream().filter(m -> m.startsWith("val_acc_")).toList();
            return java.util.stream.Stream.concat(levels.stream(), whole.stream().filter(runs::hasMetric)).toList();
        });
    }

    /**
     * Accuracy, F1 and AUC of binary tasks (target-word experiments: {@code val_acc_label}, {@code val_f1_label},
     * {@code val_auc_label}), one series per pooling/design; applies when some run has an AUC.
     */
    static MetricBarsPlot binaryTask() {
        return new MetricBarsPlot("pooling.png", "Accuracy, F1 and AUC per pooling", runs -> {
            List<String> aucs = runs.metrics().stream().filter(m -> m.equals("val_auc") || m.startsWith("val_auc_")).toList();
            return aucs.stream().flatMap(auc -> {
                String suffix = auc.substring("val_auc".length());
                return java.util.stream.Stream.of("val_acc" + suffix, "val_f1" + suffix, auc);
            }).filter(runs::hasMetric).toList();
        });
    }

    /** Every validation metric per configuration: the fallback when no specific plot applies. */
    static MetricBarsPlot all() {
        return new MetricBarsPlot("metrics.png", "Validation metrics per configuration", RunGroups::metrics);
    }

    @Override
    public List<Doc.Image> draw(RunGroups runs, Path dir) throws IOException {
        List<String> shown = metrics.apply(runs);
        if (shown.isEmpty()) {
            return List.of();
        }
        CategoryChart chart = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title(title + " (mean ± std over seeds)").yAxisTitle("validation value").build();
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setXAxisLabelRotation(30); // metric names are long (path_acc_constrained): slanted, apart
        for (RunGroups.Group g : runs.groups()) {
            List<Double> y = shown.stream().map(m -> zeroIfMissing(g.stats(m).mean())).toList();
            List<Double> err = shown.stream().map(m -> zeroIfMissing(g.stats(m).std())).toList();
            chart.addSeries(g.label(Set.of()), shown.stream().map(m -> m.substring("val_".length())).toList(), y, err);
        }
        for (TrackedRuns.RunRow b : runs.baselines()) {   // reference bars: what a trivial or shallow model gets
            List<Double> y = shown.stream().map(m -> b.metrics().getOrDefault(m, 0.0)).toList();
            if (y.stream().anyMatch(v -> v > 0)) {
                chart.addSeries("baseline " + b.tags().get(RunGroups.BASELINE_TAG),
                        shown.stream().map(m -> m.substring("val_".length())).toList(), y);
            }
        }
        Charts.savePng(chart, dir.resolve(file));
        return List.of(new Doc.Image(file, title + ", mean over seeds with ±1 std"));
    }

    private static double zeroIfMissing(double v) {
        return Double.isNaN(v) ? 0.0 : v;
    }
}
