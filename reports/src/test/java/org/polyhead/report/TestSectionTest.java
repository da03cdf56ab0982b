package org.polyhead.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report over trials and baselines with test predictions: baseline rows in the tables, test accuracy with intervals
 * beside validation, a difference stated only when its paired interval excludes zero, a constant predictor flagged,
 * and an answer at the top from the same paired tests.
 * Predictions are built so that the answers are known: design {@code a} is right on 90% of 400 test examples,
 * {@code b} on the same examples but two more wrong, {@code c} always says "noun", TF-IDF is right on 60%.
 */
class TestSectionTest {
    private static final int N = 400;
    private static final List<String> CLASSES = List.of("noun", "verb", "adj", "adv");

    private final Map<String, RunPredictions> predictions = new HashMap<>();
    private final List<TrackedRuns.RunRow> runs = new ArrayList<>();

    @Test
    void reportStatesOnlySignificantDifferencesAndFlagsAConstantPredictor(@TempDir Path tmp) throws IOException {
        for (int seed = 1; seed <= 2; seed++) {
            trial("a", seed, i -> i % 10 != 0);
            final int s = seed;
            trial("b", seed, i -> i % 10 != 0 && i != 10 * s + 1 && i != 10 * s + 201);
            trial("c", seed, null);
        }
        baseline("majority", null);
        baseline("tfidf-lr", i -> i % 5 < 3);
        Path md = ExperimentReport.write(tmp, runs, new ExperimentReport.Context("t", "x", List.of()),
                id -> Optional.ofNullable(predictions.get(id)));
        String report = Files.readString(md);
        assertTrue(report.contains("## Held-out test"), report);
        assertTrue(report.contains("| baseline `tfidf-lr` | 1 |"), report);
        assertTrue(report.contains("| heads=a | 2 | 0.8500 ± 0.0000 | 0.9000 ± 0.0000 |"), report);
        assertTrue(report.contains("`test_acc_pos`: `heads=a` (0.9000 ± 0.0000) vs baseline `tfidf-lr` (0.6000): "
                + "difference +0.3000"), report);
        assertTrue(report.contains(": `heads=a` is better."), report);
        String versusB = report.lines().filter(l -> l.contains("`heads=a` (0.9000 ± 0.0000) vs `heads=b`"))
                .findFirst().orElseThrow(() -> new AssertionError(report));
        // two discordant examples, both for a: the interval excludes zero but the exact test cannot (p = 0.5)
        assertTrue(versusB.contains("McNemar exact p = 0.500") && versusB.contains(": no significant difference"),
                versusB);
        assertTrue(report.contains("constant predictor: always `noun`"), report);
        assertTrue(report.contains("`heads=c` on `pos`: constant predictor"), report);
        assertFalse(report.contains("`heads=c` is better"), report);
        String answer = report.substring(report.indexOf("## Answer"), report.indexOf("## Results"));
        assertTrue(answer.contains("On `pos`, the best configuration on the held-out test part is `heads=a` "
                + "(accuracy 0.900, 95% CI ["), answer);
        assertTrue(answer.contains("against the strongest baseline, `tfidf-lr` (0.600): better by +0.3000 ["), answer);
        assertTrue(answer.contains("`heads=b` (0.895): no significant difference (+0.0050 ["), answer);
        assertTrue(answer.contains("`heads=c` (0.250): better by +0.6500 ["), answer);
    }

    @Test
    void piSweepFindingsLeaveOutUntrainedHeadsAndPlotsDrawTheMajorityLine(@TempDir Path tmp) throws IOException {
        List<TrackedRuns.RunRow> sweep = new ArrayList<>(Fixtures.piSweep());
        Map<String, String> tags = new LinkedHashMap<>(Fixtures.run("m", Map.of(), Map.of()).tags());
        tags.put(RunGroups.BASELINE_TAG, "majority");
        sweep.add(new TrackedRuns.RunRow("m", "baseline majority", "FINISHED", Map.of("baseline", "majority"),
                Map.of("val_acc_party", 0.38, "val_acc_era", 0.19), tags, 0L));
        String report = Files.readString(ExperimentReport.write(tmp, sweep,
                new ExperimentReport.Context("pi", "x", List.of())));
        String party = report.lines().filter(l -> l.contains("On `val_acc_party`")).findFirst().orElseThrow();
        String era = report.lines().filter(l -> l.contains("On `val_acc_era`")).findFirst().orElseThrow();
        assertFalse(party.contains("0.0"), "π = 0 gives party no weight: " + party);
        assertFalse(era.contains("1.0"), "π = 1 gives era no weight: " + era);
        assertTrue(report.contains("| baseline `majority` |"), report);
        assertTrue(Files.size(tmp.resolve(PiCurvePlot.FILE)) > 0 && Files.size(tmp.resolve(ParetoPlot.FILE)) > 0);
    }

    @Test
    void answerOfAPiSweepSaysHowPiTradesEachGroupWithoutItsUntrainedCell(@TempDir Path tmp) throws IOException {
        List<TrackedRuns.RunRow> sweep = new ArrayList<>();
        for (TrackedRuns.RunRow r : Fixtures.piSweep()) {
            Map<String, Double> metrics = new LinkedHashMap<>(r.metrics());
            r.metrics().forEach((k, v) -> metrics.put(k.replace("val_", "test_"), v));
            sweep.add(new TrackedRuns.RunRow(r.runId(), r.name(), r.status(), r.params(), metrics, r.tags(), 0L));
        }
        String report = Files.readString(ExperimentReport.write(tmp, sweep,
                new ExperimentReport.Context("pi", "x", List.of())));
        String answer = report.substring(report.indexOf("## Answer"), report.indexOf("## Results"));
        // split is 0.05 better on party at every π (separate on era), so its design answers; π = 0 gives party no
        // weight and π = 1 gives era none
        String party = answer.lines().filter(l -> l.contains("`party` test accuracy by π (`heads=split`): "))
                .findFirst().orElseThrow(() -> new AssertionError(answer));
        assertTrue(party.contains("π = 0.5: 0.60") && party.contains("π = 1.0: 0.75") && !party.contains("π = 0.0"),
                party);
        String era = answer.lines().filter(l -> l.contains("`era` test accuracy by π (`heads=separate`): "))
                .findFirst().orElseThrow(() -> new AssertionError(answer));
        assertTrue(era.contains("π = 0.0: 0.75") && era.contains("π = 0.5: 0.60") && !era.contains("π = 1.0"), era);
        assertTrue(answer.contains("no paired test"), "no per-example predictions, no claim: " + answer);
    }

    private void trial(String heads, int seed, java.util.function.IntPredicate right) {
        String id = heads + seed;
        RunPredictions p = predictions(right);
        predictions.put(id, p);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("val_acc_pos", right == null ? 0.25 : 0.85);
        metrics.put("test_acc_pos", accuracy(p));
        metrics.put("test_f1_pos", 0.5);
        TrackedRuns.RunRow r = Fixtures.run(id, Map.of("model.heads", heads, "training.seed", Integer.toString(seed),
                "groups", "[{\"name\":\"pos\"}]"), metrics);
        runs.add(r);
    }

    private void baseline(String name, java.util.function.IntPredicate right) {
        RunPredictions p = predictions(right);
        predictions.put(name, p);
        Map<String, String> tags = new LinkedHashMap<>(Fixtures.run(name, Map.of(), Map.of()).tags());
        tags.put(RunGroups.BASELINE_TAG, name);
        runs.add(new TrackedRuns.RunRow(name, "baseline " + name, "FINISHED", Map.of("baseline", name),
                Map.of("val_acc_pos", right == null ? 0.25 : 0.6, "test_acc_pos", accuracy(p)), tags, 0L));
    }

    /** Truth cycles through the four classes; a wrong prediction is the next class, {@code null} always "noun". */
    private static RunPredictions predictions(java.util.function.IntPredicate right) {
        List<String> truth = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            String t = CLASSES.get(i % 4);
            truth.add(t);
            predicted.add(right == null ? "noun" : right.test(i) ? t : CLASSES.get((i + 1) % 4));
        }
        return new RunPredictions(Map.of("pos", truth), Map.of("pos", predicted));
    }

    private static double accuracy(RunPredictions p) {
        boolean[] c = p.correct("pos");
        int right = 0;
        for (boolean b : c) {
            right += b ? 1 : 0;
        }
        return (double) right / c.length;
    }
}
