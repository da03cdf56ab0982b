package org.polyhead.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.polyhead.track.Metrics;

/**
 * The trade-off a π sweep buys: group 1's accuracy against group 2's (on the held-out test part when the runs have
 * it, else validation), one point per π per design (means over seeds) labelled with its π, with the non-dominated
 * points joined as the Pareto front; baselines as single points.
 */
final class ParetoPlot implements Plot {
    static final String FILE = "pareto.png";

    /** One (design, π) point. */
    record Point(String design, String pi, double x, double y) {}

    @Override
    public List<Doc.Image> draw(RunGroups runs, Path dir) throws IOException {
        List<String> tasks = TaskGroups.of(runs);
        if (!runs.varying().contains(RunGroups.PI) || tasks.size() < 2) {
            return List.of();
        }
        boolean test = runs.hasMetric(Metrics.test(Metrics.accuracy(tasks.get(0))))
                && runs.hasMetric(Metrics.test(Metrics.accuracy(tasks.get(1))));
        String part = test ? "test" : "validation";
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title("Trade-off over π: " + tasks.get(0) + " vs " + tasks.get(1) + " (Pareto front joined)")
                .xAxisTitle(part + " accuracy, " + tasks.get(0)).yAxisTitle(part + " accuracy, " + tasks.get(1)).build();
        chart.getStyler().setMarkerSize(8);
        List<Point> points = points(runs, tasks, test);
        for (Point p : points) {
            chart.addAnnotation(new AnnotationText("π=" + p.pi(), p.x(), p.y(), false));
        }
        for (Map.Entry<String, List<RunGroups.Group>> design : PiCurvePlot.byDesign(runs).entrySet()) {
            List<Point> mine = points.stream().filter(p -> p.design().equals(design.getKey())).toList();
            chart.addSeries(design.getKey(), mine.stream().mapToDouble(Point::x).toArray(),
                    mine.stream().mapToDouble(Point::y).toArray()).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        for (TrackedRuns.RunRow b : runs.baselines()) {
            Double x = b.metrics().get((test ? "test_acc_" : "val_acc_") + tasks.get(0));
            Double y = b.metrics().get((test ? "test_acc_" : "val_acc_") + tasks.get(1));
            if (x != null && y != null) {
                chart.addSeries("baseline " + b.tags().get(RunGroups.BASELINE_TAG), new double[] {x}, new double[] {y})
                        .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
        }
        List<Point> front = new ArrayList<>(front(points));
        front.sort(Comparator.comparingDouble(Point::x));
        XYSeries f = chart.addSeries("Pareto front", front.stream().mapToDouble(Point::x).toArray(),
                front.stream().mapToDouble(Point::y).toArray());
        f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        f.setMarker(SeriesMarkers.CIRCLE);
        f.setMarkerColor(new java.awt.Color(0, 0, 0, 90));
        f.setLineColor(java.awt.Color.BLACK);
        Charts.savePng(chart, dir.resolve(FILE));
        return List.of(new Doc.Image(FILE, (test ? "Test" : "Validation") + " accuracy of " + tasks.get(0)
                + " against " + tasks.get(1) + ", one point per π per design (labelled with its π, mean over seeds); "
                + "the line joins the non-dominated points"));
    }

    static List<Point> points(RunGroups runs, List<String> tasks) {
        return points(runs, tasks, false);
    }

    /** One point per (design, π): mean accuracy of each group over seeds, on test or validation. */
    static List<Point> points(RunGroups runs, List<String> tasks, boolean test) {
        List<Point> out = new ArrayList<>();
        String x = Metrics.accuracy(tasks.get(0));
        String y = Metrics.accuracy(tasks.get(1));
        for (Map.Entry<String, List<RunGroups.Group>> design : PiCurvePlot.byDesign(runs).entrySet()) {
            for (RunGroups.Group g : design.getValue()) {
                out.add(new Point(design.getKey(), g.get(RunGroups.PI),
                        g.stats(test ? Metrics.test(x) : x).mean(), g.stats(test ? Metrics.test(y) : y).mean()));
            }
        }
        return out;
    }

    static List<Point> front(List<Point> points) {
        return Pareto.front(points.stream().map(p -> new double[] {p.x(), p.y()}).toList()).stream()
                .map(points::get).toList();
    }
}
