package org.polyhead.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.spec.SpecLoader;
import org.polyhead.sweep.SweepRunner;
import org.polyhead.sweep.TestSweeps;
import org.polyhead.track.MlflowServerExtension;

/**
 * A tiny π × head design × seed sweep on real data in a real MLflow server, then {@code polyhead report}: every
 * table cell equals the mean ± std recomputed here from the runs as MLflow stores them, and the files exist.
 */
@ExtendWith(MlflowServerExtension.class)
@Tag("integration")
class ReportCommandIntegrationTest {
    private static final String SPEC = """
            name: report-it
            data: {name: sotu, max_records: 120, validation: 0.25, max_length: 16}
            encoder: {layers: 1, hidden: 16, heads: 2, intermediate: 32, dropout: 0.1}
            model: {pooling: mean, heads: separate}
            groups: [{name: party}, {name: era}]
            loss: {pi: 0.5}
            training: {epochs: 1, batch_size: 16, lr: 0.003, seed: 1}
            sweep:
              grid:
                loss.pi: [0.25, 0.75]
                model.heads: [split, separate]
                training.seed: [1, 2]
            """;

    @Test
    void reportTablesEqualTheMeanAndStdOfTheRunsStoredInMlflow(@TempDir Path tmp) throws IOException {
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("spec.yaml"), SPEC), List.of());
        SweepRunner.Outcome outcome = TestSweeps.sweep(spec, tmp);
        Path out = tmp.resolve("report");
        StringWriter err = new StringWriter();
        var cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        int rc = cli.execute("report", "--experiment", "report-it", "--tracking-uri", MlflowServerExtension.url(),
                "--out", out.toString());
        assertEquals(0, rc, err.toString());
        for (String f : List.of("index.md", "index.html", "results.csv", "accuracy_vs_pi.png", "pareto.png")) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }

        List<Service.Run> runs = new MlflowClient(MlflowServerExtension.url()).searchRuns(
                List.of(new MlflowClient(MlflowServerExtension.url()).getExperimentByName("report-it").get().getExperimentId()),
                "tags.mlflow.parentRunId = '" + outcome.parentRunId() + "'", Service.ViewType.ACTIVE_ONLY, 1000).getItems();
        assertEquals(8, runs.size());
        String md = Files.readString(out.resolve("index.md"));
        List<List<String>> table = resultsTable(md);
        List<String> header = table.get(0);
        assertEquals(List.of("pi", "heads", "runs", "val_acc_era", "val_acc_party", "val_f1_era", "val_f1_party"), header);
        assertEquals(5, table.size(), "4 configurations (2 seeds each) + header");
        for (List<String> row : table.subList(1, table.size())) {
            List<Service.Run> mine = runs.stream().filter(r -> param(r, "loss.pi").equals(row.get(0))
                    && param(r, "model.heads").equals(row.get(1))).toList();
            assertEquals(2, mine.size());
            assertEquals("2", row.get(2));
            for (int c = 3; c < header.size(); c++) {
                String metric = header.get(c);
                double[] v = mine.stream().mapToDouble(r -> metric(r, metric)).toArray();
                double mean = Arrays.stream(v).average().orElseThrow();
                double std = Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
                String[] cell = row.get(c).split(" ± ");
                assertEquals(mean, Double.parseDouble(cell[0]), 0.5e-4 + 1e-12, row + " " + metric);
                assertEquals(std, Double.parseDouble(cell[1]), 0.5e-4 + 1e-12, row + " " + metric);
            }
        }
        for (Service.Run r : runs) {
            assertTrue(md.contains("`" + r.getInfo().getRunId() + "`"), "provenance lists run " + r.getInfo().getRunId());
        }
        assertTrue(md.contains("## Findings") && md.contains("is best at π"), md);
    }

    @Test
    void anUnknownPaperExperimentIsOneLineNamingTheFile() {
        StringWriter err = new StringWriter();
        var cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("paper", "no-such-paper"));
        assertTrue(err.toString().contains("no-such-paper.yaml: no such paper experiment"), err.toString());
    }

    private static List<List<String>> resultsTable(String md) {
        List<List<String>> rows = new ArrayList<>();
        String section = md.substring(md.indexOf("## Results"));
        for (String line : section.lines().skip(1).toList()) {
            if (line.startsWith("|")) {
                if (!line.startsWith("|---")) {
                    rows.add(Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::trim).toList());
                }
            } else if (!rows.isEmpty()) {
                break;
            }
        }
        return rows;
    }

    private static String param(Service.Run r, String key) {
        Map<String, String> m = new HashMap<>();
        r.getData().getParamsList().forEach(p -> m.put(p.getKey(), p.getValue()));
        return m.get(key);
    }

    private static double metric(Service.Run r, String key) {
        return r.getData().getMetricsList().stream().filter(m -> m.getKey().equals(key)).findFirst().orElseThrow().getValue();
    }
}
