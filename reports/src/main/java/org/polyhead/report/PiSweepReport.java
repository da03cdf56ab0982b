package org.polyhead.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.polyhead.UserError;

/**
 * The π-sweep report: one row per trial (π, each group's validation accuracy and macro-F1), a PNG of each group's
 * validation accuracy against π, and the provenance of every run. Numbers are the ones stored in MLflow.
 */
public final class PiSweepReport {
    private PiSweepReport() {}

    public static Path write(Path outDir, String experiment, String parentRunId, List<TrackedRuns.RunRow> runs,
                             List<String> groups, String command) {
        List<TrackedRuns.RunRow> rows = new ArrayList<>(runs.stream().filter(r -> r.params().containsKey("loss.pi")).toList());
        if (rows.isEmpty()) {
            throw new UserError("experiment '" + experiment + "' has no child runs with a loss.pi param under " + parentRunId);
        }
        rows.sort(Comparator.comparingDouble(r -> Double.parseDouble(r.params().get("loss.pi"))));
        try {
            Files.createDirectories(outDir);
            plot(outDir.resolve("accuracy_vs_pi.png"), rows, groups);
            Path md = outDir.resolve("index.md");
            Files.writeString(md, markdown(experiment, parentRunId, rows, groups, command));
            return md;
        } catch (IOException e) {
            throw new UserError("cannot write the report under " + outDir + ": " + e.getMessage(), e);
        }
    }

    private static void plot(Path png, List<TrackedRuns.RunRow> rows, List<String> groups) throws IOException {
        XYChart chart = new XYChartBuilder().width(720).height(440).title("Validation accuracy against π")
                .xAxisTitle("π (weight of " + groups.get(0) + "; 1−π on " + groups.get(1) + ")")
                .yAxisTitle("validation accuracy").build();
        chart.getStyler().setMarkerSize(8);
        for (String g : groups) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (TrackedRuns.RunRow r : rows) {
                Double v = r.metrics().get("val_acc_" + g);
                if (v != null) {
                    x.add(Double.parseDouble(r.params().get("loss.pi")));
                    y.add(v);
                }
            }
            XYSeries s = chart.addSeries(g, x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        }
        BitmapEncoder.saveBitmap(chart, png.toString().replaceAll("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
    }

    private static String markdown(String experiment, String parentRunId, List<TrackedRuns.RunRow> rows,
                                   List<String> groups, String command) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(experiment).append(": validation metrics against π\n\n");
        sb.append("Loss `L = π·L_").append(groups.get(0)).append(" + (1−π)·L_").append(groups.get(1))
                .append("`. Each row is one child run of sweep `").append(parentRunId).append("`.\n\n");
        sb.append("| π |");
        groups.forEach(g -> sb.append(" acc ").append(g).append(" | macro-F1 ").append(g).append(" |"));
        sb.append(" run |\n|---|");
        groups.forEach(g -> sb.append("---|---|"));
        sb.append("---|\n");
        for (TrackedRuns.RunRow r : rows) {
            sb.append("| ").append(r.params().get("loss.pi")).append(" |");
            for (String g : groups) {
                sb.append(' ').append(fmt(r.metrics().get("val_acc_" + g))).append(" | ")
                        .append(fmt(r.metrics().get("val_f1_" + g))).append(" |");
            }
            sb.append(" `").append(r.runId(), 0, 8).append("` |\n");
        }
        sb.append("\n![validation accuracy against π](accuracy_vs_pi.png)\n\n## Provenance\n\n");
        sb.append("- command: `").append(command).append("`\n");
        TrackedRuns.RunRow first = rows.get(0);
        for (String key : List.of("polyhead.git_commit", "polyhead.git_dirty", "polyhead.dataset",
                "polyhead.dataset_sha256", "polyhead.tokenizer", "polyhead.backend", "polyhead.device", "polyhead.spec")) {
            sb.append("- ").append(key.substring("polyhead.".length())).append(": `")
                    .append(first.tags().getOrDefault(key, "?")).append("`\n");
        }
        sb.append("- runs: ").append(String.join(", ", rows.stream().map(TrackedRuns.RunRow::runId).toList())).append('\n');
        return sb.toString();
    }

    private static String fmt(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }
}
