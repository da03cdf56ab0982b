package org.polyhead.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.polyhead.run.TrialRunner;
import org.polyhead.sweep.SweepPlan;
import org.polyhead.sweep.SweepRunner;
import org.polyhead.track.RunStatus;

/**
 * {@code bench --sweep}'s sweep and report without running it: the quickstart with four trials, the time ratio against
 * its target, and per-trial metrics compared bit for bit (the sweeps themselves: SparkSweepIntegrationTest).
 */
class SweepBenchReportTest {
    private static final List<String> NAMES = List.of("pi=0.0", "pi=1.0");

    @Test
    void theMeasuredSweepIsTheQuickstartWithFourTrials() {
        Path home = Path.of(System.getenv().getOrDefault("POLYHEAD_HOME", "..")).toAbsolutePath().normalize();
        var spec = SweepBench.spec(home, List.of());
        assertEquals(4, SweepPlan.trials(spec.spec().sweep()).size());
        assertEquals("quickstart", spec.spec().name());
        assertEquals("bench-sweep", spec.spec().tracking().experiment(), "its own experiment, not the quickstart's");
        assertEquals(1, SweepBench.spec(home, List.of("training.epochs=1")).spec().training().epochs(), "--set");
    }

    @Test
    void equalMetricsAndTheTimeRatioLandInBothFiles(@TempDir Path dir) throws Exception {
        SweepBenchReport report = report(Map.of("val_acc_party", 0.5), Map.of("val_acc_party", 0.5), 100, 55);
        report.write(dir);
        JsonNode root = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals(0.55, root.get("time_ratio").asDouble(), 1e-12);
        assertTrue(root.get("target_met").asBoolean(), "0.55 <= 0.6");
        assertTrue(root.get("metrics_equal").asBoolean());
        assertEquals(2, root.get("trials").size());
        assertEquals(0.5, root.get("trials").get(1).get("spark").get("metrics").get("val_acc_party").asDouble());
        assertEquals(7.5, root.get("spark").get("connect_s").asDouble());
        assertEquals(2, root.get("parallel").asInt());
        assertTrue(root.get("load_before").asText().matches("[0-9.]+, [0-9.]+, [0-9.]+|unknown"), root.toString());
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("| **parallel / sequential** | **0.55×** (target ≤ 0.6×: met) |"), readme);
        assertTrue(readme.contains("load average (1, 5, 15 min) before: "), readme);
        assertTrue(readme.contains("| pi=1.0 | spark | FINISHED | val_acc_party 0.5 | yes |"), readme);
        assertTrue(readme.contains("| --parallel 2, Spark | 55.0 | 7.5 |"), readme);
        assertTrue(readme.startsWith("# A sweep on Spark: --parallel 2 against one trial after another"), readme);
    }

    @Test
    void metricsThatDifferInTheLastBitAreNotEqual() {
        SweepBenchReport report = report(Map.of("val_acc_party", 0.1 + 0.2), Map.of("val_acc_party", 0.3), 100, 70);
        assertFalse(report.metricsEqual());
        assertFalse(report.json().get("target_met").asBoolean(), "0.7 > 0.6");
        assertEquals(Map.of("pi=0.0", true, "pi=1.0", false), report.equalByTrial());
    }

    /** Two trials: the first equal in both sweeps, the second with {@code seq} and {@code par} as its metrics. */
    private static SweepBenchReport report(Map<String, Double> seq, Map<String, Double> par, double seqSeconds,
                                           double parSeconds) {
        SweepBenchReport report = new SweepBenchReport("./polyhead bench --sweep", SweepBench.SPEC,
                SweepBench.OVERRIDES, 2);
        Map<String, Double> same = Map.of("val_acc_party", 0.25);
        report.sequential(seqSeconds, 0, outcome("p1", same, seq));
        report.parallel(parSeconds, 7.5, outcome("p2", same, par));
        report.trials(NAMES, outcome("p1", same, seq), outcome("p2", same, par));
        return report;
    }

    private static SweepRunner.Outcome outcome(String parent, Map<String, Double> first, Map<String, Double> second) {
        return new SweepRunner.Outcome(parent, "bench-sweep", List.of(
                new TrialRunner.Result(parent + "a", RunStatus.FINISHED, first, null),
                new TrialRunner.Result(parent + "b", RunStatus.FINISHED, second, null)), "http://127.0.0.1:1/");
    }
}
