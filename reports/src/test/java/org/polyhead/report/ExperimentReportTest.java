package org.polyhead.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grouping, statistics and findings of the report, on runs shaped like the sweep runner's. */
class ExperimentReportTest {

    @Test
    void seedsAreAveragedAndTheShortPiAliasIsNotASecondDimension() {
        RunGroups groups = new RunGroups(Fixtures.piSweep());
        assertEquals(List.of("loss.pi", "model.heads"), groups.varying());
        assertEquals(6, groups.groups().size());
        RunGroups.Group g = groups.groups().get(0);
        assertEquals(Map.of("loss.pi", "0.0", "model.heads", "separate"), g.key());
        Stats s = g.stats("val_acc_party");
        assertEquals((0.351 + 0.352) / 2, s.mean(), 1e-12);
        assertEquals(Math.sqrt(2 * 0.0005 * 0.0005), s.std(), 1e-12);
        assertEquals("0.3515 ± 0.0007", s.format());
        assertEquals(List.of("val_acc_era", "val_acc_party", "val_f1_era", "val_f1_party"), groups.metrics());
    }

    @Test
    void paretoFrontKeepsOnlyNonDominatedPoints() {
        List<double[]> pts = List.of(new double[] {0.5, 0.5}, new double[] {0.6, 0.4}, new double[] {0.4, 0.4},
                new double[] {0.5, 0.5}, new double[] {0.2, 0.9});
        assertEquals(List.of(0, 1, 3, 4), Pareto.front(pts));
    }

    @Test
    void findingsFollowTheNumbers(@TempDir Path tmp) throws Exception {
        List<String> findings = Findings.of(new RunGroups(Fixtures.piSweep()));
        // π = 0 gives party no weight and π = 1 era: those cells are left out (the head was never trained)
        assertTrue(findings.contains("On `val_acc_party`: `heads=split` is best at π ∈ {0.5, 1.0}."), findings.toString());
        assertTrue(findings.contains("On `val_acc_era`: `heads=separate` is best at π ∈ {0.0, 0.5}."), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.startsWith("`heads=separate`: best in 2 and worst in 2 of 4")),
                findings.toString());
        // swap the designs' metrics: the findings must swap too
        List<TrackedRuns.RunRow> swapped = new ArrayList<>();
        for (TrackedRuns.RunRow r : Fixtures.piSweep()) {
            Map<String, String> p = new java.util.HashMap<>(r.params());
            p.put("model.heads", p.get("model.heads").equals("split") ? "separate" : "split");
            swapped.add(Fixtures.run(r.runId(), p, r.metrics()));
        }
        List<String> after = Findings.of(new RunGroups(swapped));
        assertTrue(after.contains("On `val_acc_party`: `heads=separate` is best at π ∈ {0.5, 1.0}."), after.toString());

        Path md = ExperimentReport.write(tmp, Fixtures.piSweep(), new ExperimentReport.Context("pi", "./polyhead x", List.of("hardware: h")));
        String text = Files.readString(md);
        assertTrue(text.contains("| 0.5 | split | 2 |"), text);
        assertTrue(text.contains("| `r0` | pi=0.0 heads=split | seed=1 |"), text);
        assertTrue(text.contains("`r0`") && text.contains("`abc123 (false)`") && text.contains("`d0e1f2`"), text);
        assertTrue(Files.size(tmp.resolve("accuracy_vs_pi.png")) > 1000);
        assertTrue(Files.readString(tmp.resolve("index.html")).contains("<img src=\"pareto.png\""));
        assertFalse(text.contains("NaN"));
    }

    @Test
    void designsThatPredictTheSameTieAndWinNothing() {
        // every design collapsed to the same accuracy: no design may be called best or worst there
        List<TrackedRuns.RunRow> same = new ArrayList<>();
        for (TrackedRuns.RunRow r : Fixtures.piSweep()) {
            same.add(Fixtures.run(r.runId(), r.params(), Map.of("val_acc_party", 0.41, "val_acc_era", 0.25)));
        }
        List<String> findings = Findings.of(new RunGroups(same));
        assertTrue(findings.contains("On `val_acc_party`: the best designs tie at π ∈ {0.5, 1.0}."), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.startsWith("`heads=split`: best in 0 and worst in 0 of 4")),
                findings.toString());
    }

    @Test
    void aBinaryTargetReportComparesPoolingsOnAccuracyF1AndAuc(@TempDir Path tmp) throws Exception {
        ExperimentReport.write(tmp, Fixtures.pooling(), new ExperimentReport.Context("t", "x", List.of()));
        assertTrue(Files.exists(tmp.resolve("pooling.png")));
        assertFalse(Files.exists(tmp.resolve("hierarchy.png")) || Files.exists(tmp.resolve("metrics.png")));
        List<String> findings = Findings.of(new RunGroups(Fixtures.pooling()));
        assertTrue(findings.stream().anyMatch(f -> f.startsWith("`val_auc_label`: best `pooling=target`")), findings.toString());
    }

    @Test
    void aHierarchyReportShowsLevelsPathAndConsistency(@TempDir Path tmp) throws Exception {
        ExperimentReport.write(tmp, Fixtures.hierarchy(), new ExperimentReport.Context("h", "x", List.of()));
        assertTrue(Files.exists(tmp.resolve("hierarchy.png")));
        assertFalse(Files.exists(tmp.resolve("accuracy_vs_pi.png")));
        List<String> findings = Findings.of(new RunGroups(Fixtures.hierarchy()));
        assertTrue(findings.stream().anyMatch(f -> f.startsWith("`val_consistency`: best `heads=masked`")), findings.toString());
    }
}
