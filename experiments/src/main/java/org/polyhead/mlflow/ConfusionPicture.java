package org.polyhead.mlflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * A confusion matrix as a PNG heat map (true class down, predicted class across, counts in the cells), written beside
 * {@code confusion.json} so MLflow's artifact view shows it as a picture.
 */
public final class ConfusionPicture {
    private static final int CELL = 34;
    private static final int MARGIN = 260;

    private ConfusionPicture() {}

    /**
     * @param matrix {@code matrix[t][p]}: validation examples of true class {@code t} predicted as {@code p}
     */
    public static void write(Path png, String title, List<String> classes, long[][] matrix) throws IOException {
        int side = Math.min(1600, MARGIN + CELL * classes.size());
        HeatMapChart chart = new HeatMapChartBuilder().width(side).height(side).title(title)
                .xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(true).setLegendVisible(false).setPlotContentSize(1.0);
        List<Number[]> cells = new ArrayList<>();
        int n = classes.size();
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                cells.add(new Number[] {p, n - 1 - t, matrix[t][p]});  // first true class at the top
            }
        }
        List<String> downwards = new ArrayList<>(classes);
        java.util.Collections.reverse(downwards);
        chart.addSeries(title, classes, downwards, cells);
        String base = png.toString().replaceAll("\\.png$", "");
        BitmapEncoder.saveBitmapWithDPI(chart, base, BitmapEncoder.BitmapFormat.PNG, 110);
    }
}
