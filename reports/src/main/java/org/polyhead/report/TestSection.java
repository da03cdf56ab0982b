package org.polyhead.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The held-out test results: per label group a table of every configuration and baseline with validation accuracy
 * beside test accuracy and its 95% bootstrap intervals (over seeds, and over test examples when the runs logged their
 * predictions), and findings that compare the best configuration with the strongest baseline and with the runner-up
 * on the same test examples (paired bootstrap of the difference, McNemar's exact test). A difference is stated only
 * when its interval excludes zero and McNemar's test rejects equal accuracy at 5% (with few discordant examples the
 * percentile interval can exclude zero on a difference the exact test does not support); a constant predictor is flagged; a configuration that gave the group no weight is
 * shown but never compared.
 */
final class TestSection {
    /** McNemar's level, matching the 95% intervals. */
    static final double ALPHA = 0.05;
    private final RunGroups runs;
    private final PredictionSource source;
    private final Map<String, Optional<RunPredictions>> loaded = new LinkedHashMap<>();

    TestSection(RunGroups runs, PredictionSource source) {
        this.runs = runs;
        this.source = source;
    }

    /** The label groups with a test accuracy, in spec order. */
    List<String> groups() {
        Set<String> tested = new TreeSet<>();
        for (TrackedRuns.RunRow r : all()) {
            r.metrics().keySet().stream().filter(m -> m.startsWith("test_acc_"))
                    .forEach(m -> tested.add(m.substring("test_acc_".length())));
        }
        List<String> out = new ArrayList<>(TaskGroups.of(runs).stream().filter(tested::contains).toList());
        tested.stream().filter(g -> !out.contains(g)).forEach(out::add);
        return out;
    }

    Doc.Table table(String group) {
        List<String> header = List.of("configuration", "runs", "val acc", "test acc", "95% CI over seeds",
                "95% CI over test examples", "test macro-F1", "note");
        List<List<String>> rows = new ArrayList<>();
        int index = TaskGroups.of(runs).indexOf(group);
        for (RunGroups.Group g : runs.groups()) {
            String note = index >= 0 && GroupWeights.isZero(g, index) ? "weight 0: head untrained"
                    : constantNote(g.runs(), group);
            rows.add(row(g.label(Set.of()), g.runs(), group, note));
        }
        for (TrackedRuns.RunRow b : runs.baselines()) {
            rows.add(row("baseline `" + b.tags().get(RunGroups.BASELINE_TAG) + "`", List.of(b), group,
                    constantNote(List.of(b), group)));
        }
        return new Doc.Table(header, rows);
    }

    private List<String> row(String label, List<TrackedRuns.RunRow> rs, String group, String note) {
        Stats test = stats(rs, "test_acc_" + group);
        double[] perSeed = rs.stream().map(r -> r.metrics().get("test_acc_" + group)).filter(v -> v != null)
                .mapToDouble(Double::doubleValue).toArray();
        boolean[][] correct = correct(rs, group);
        return List.of(label, Integer.toString(rs.size()), stats(rs, "val_acc_" + group).format(), test.format(),
                perSeed.length > 1 ? range(Bootstrap.mean(perSeed)) : "–",
                correct == null ? "–" : range(Bootstrap.accuracy(correct)),
                stats(rs, "test_f1_" + group).format(), note);
    }

    /** Paired comparisons and constant predictors for each group. */
    List<String> findings() {
        List<String> out = new ArrayList<>();
        List<String> order = TaskGroups.of(runs);
        for (String group : groups()) {
            String metric = "test_acc_" + group;
            int index = order.indexOf(group);
            List<RunGroups.Group> ranked = runs.groups().stream()
                    .filter(g -> g.stats(metric).n() > 0 && !(index >= 0 && GroupWeights.isZero(g, index)))
                    .sorted(Comparator.comparingDouble((RunGroups.Group g) -> g.stats(metric).mean()).reversed())
                    .toList();
            Optional<TrackedRuns.RunRow> baseline = runs.baselines().stream()
                    .filter(b -> b.metrics().containsKey(metric))
                    .max(Comparator.comparingDouble(b -> b.metrics().get(metric)));
            if (!ranked.isEmpty() && baseline.isPresent()) {
                out.add(compare(metric, group, ranked.get(0).label(Set.of()), ranked.get(0).runs(),
                        "baseline `" + baseline.get().tags().get(RunGroups.BASELINE_TAG) + "`",
                        List.of(baseline.get())));
            }
            if (ranked.size() > 1) {
                out.add(compare(metric, group, ranked.get(0).label(Set.of()), ranked.get(0).runs(),
                        ranked.get(1).label(Set.of()), ranked.get(1).runs()));
            }
            for (RunGroups.Group g : ranked) {
                String note = constantNote(g.runs(), group);
                if (!note.isEmpty()) {
                    out.add("`" + g.label(Set.of()) + "` on `" + group + "`: " + note
                            + " — its accuracy is that class's share of the test part, not something it learned.");
                }
            }
        }
        return out;
    }

    private String compare(String metric, String group, String nameA, List<TrackedRuns.RunRow> a, String nameB,
                           List<TrackedRuns.RunRow> b) {
        String head = String.format(Locale.ROOT, "`%s`: `%s` (%s) vs %s (%s): ", metric, nameA,
                stats(a, metric).format(), nameB.startsWith("baseline") ? nameB : "`" + nameB + "`",
                stats(b, metric).format());
        boolean[][] ca = correct(a, group);
        boolean[][] cb = correct(b, group);
        if (ca == null || cb == null || ca[0].length != cb[0].length) {
            return head + "no per-example test predictions on the same examples, so no paired test: "
                    + "no significant difference can be claimed.";
        }
        Interval d = Bootstrap.pairedDifference(ca, cb);
        int[] bc = McNemar.discordant(ca[0], cb[0]);
        String evidence = String.format(Locale.ROOT, "difference %s (95%% paired bootstrap over %,d test examples, "
                + "%,d resamples); McNemar exact p = %.3g (%d vs %d discordant examples, first runs)",
                d.formatSigned(), ca[0].length, Bootstrap.RESAMPLES, McNemar.exactP(bc[0], bc[1]), bc[0], bc[1]);
        double p = McNemar.exactP(bc[0], bc[1]);
        String verdict = !d.excludesZero() ? "no significant difference"
                : p >= ALPHA ? "no significant difference (the interval excludes zero, but McNemar's test does not "
                        + "reject equal accuracy)"
                : (d.estimate() > 0 ? "`" + nameA + "`" : nameB) + " is better";
        return head + evidence + ": " + verdict + ".";
    }

    private String constantNote(List<TrackedRuns.RunRow> rs, String group) {
        for (TrackedRuns.RunRow r : rs) {
            String c = predictions(r).map(p -> p.constant(group)).orElse(null);
            if (c != null) {
                return "constant predictor: always `" + c + "`" + (rs.size() > 1 ? " (run " + r.name() + ")" : "");
            }
        }
        return "";
    }

    /** Per run, per test example: right or wrong; null unless every run logged predictions for the group. */
    private boolean[][] correct(List<TrackedRuns.RunRow> rs, String group) {
        boolean[][] out = new boolean[rs.size()][];
        for (int i = 0; i < rs.size(); i++) {
            Optional<RunPredictions> p = predictions(rs.get(i));
            if (p.isEmpty() || !p.get().has(group) || (i > 0 && p.get().correct(group).length != out[0].length)) {
                return null;
            }
            out[i] = p.get().correct(group);
        }
        return rs.isEmpty() || out[0].length == 0 ? null : out;
    }

    private Optional<RunPredictions> predictions(TrackedRuns.RunRow r) {
        return loaded.computeIfAbsent(r.runId(), source::of);
    }

    private List<TrackedRuns.RunRow> all() {
        List<TrackedRuns.RunRow> out = new ArrayList<>(runs.runs());
        out.addAll(runs.baselines());
        return out;
    }

    private static Stats stats(List<TrackedRuns.RunRow> rs, String metric) {
        return Stats.of(rs.stream().map(r -> r.metrics().get(metric)).filter(v -> v != null && !v.isNaN()).toList());
    }

    private static String range(Interval i) {
        return String.format(Locale.ROOT, "[%.4f, %.4f]", i.low(), i.high());
    }
}
