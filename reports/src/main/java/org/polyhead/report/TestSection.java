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

    /** The configurations with a value of {@code metric}, best first, less those that gave the group no weight. */
    private List<RunGroups.Group> ranked(String metric, int index) {
        return runs.groups().stream()
                .filter(g -> g.stats(metric).n() > 0 && !(index >= 0 && GroupWeights.isZero(g, index)))
                .sorted(Comparator.comparingDouble((RunGroups.Group g) -> g.stats(metric).mean()).reversed())
                .toList();
    }

    /** The baseline run with the highest {@code metric}, if any logged it. */
    private Optional<TrackedRuns.RunRow> strongestBaseline(String metric) {
        return runs.baselines().stream().filter(b -> b.metrics().containsKey(metric))
                .max(Comparator.comparingDouble(b -> b.metrics().get(metric)));
    }

    /** Whole label paths on the test part, when the runs logged path metrics: mean ± sd over seeds per design. */
    Optional<Doc.Table> pathTable() {
        if (!runs.hasMetric("test_path_acc")) {
            return Optional.empty();
        }
        List<String> metrics = List.of("test_path_acc", "test_path_acc_constrained", "test_consistency", "test_hf1");
        List<String> header = new ArrayList<>(List.of("configuration", "runs"));
        header.addAll(metrics);
        List<List<String>> rows = new ArrayList<>();
        for (RunGroups.Group g : runs.groups()) {
            List<String> row = new ArrayList<>(List.of(g.label(Set.of()), Integer.toString(g.runs().size())));
            metrics.forEach(m -> row.add(stats(g.runs(), m).format()));
            rows.add(row);
        }
        return Optional.of(new Doc.Table(header, rows));
    }

    /** Paired comparisons and constant predictors for each group. */
    List<String> findings() {
        List<String> out = new ArrayList<>();
        List<String> order = TaskGroups.of(runs);
        for (String group : groups()) {
            String metric = "test_acc_" + group;
            int index = order.indexOf(group);
            List<RunGroups.Group> ranked = ranked(metric, index);
            Optional<TrackedRuns.RunRow> baseline = strongestBaseline(metric);
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

    /**
     * The report's answer, in plain sentences from the same test numbers: per answered group, the best configuration
     * against the strongest baseline, and against the best configuration of every other value of each design param
     * ({@code model.heads}, {@code model.pooling}, ...; π and seeds are not designs). Label paths are answered on their
     * last level only (the class; every level is in the tables). Each difference is stated only when its paired
     * interval excludes zero and McNemar's test rejects equality, as in the findings.
     */
    List<String> answer() {
        List<String> order = TaskGroups.of(runs);
        List<String> groups = groups();
        boolean paths = runs.hasMetric("test_path_acc") && !groups.isEmpty();
        List<String> out = new ArrayList<>();
        for (String group : paths ? List.of(groups.get(groups.size() - 1)) : groups) {
            String metric = "test_acc_" + group;
            int index = order.indexOf(group);
            List<RunGroups.Group> ranked = ranked(metric, index);
            if (ranked.isEmpty()) {
                continue;
            }
            RunGroups.Group best = ranked.get(0);
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "On `%s`, the best configuration on the held-out test part is `%s` (accuracy %.3f", group,
                    best.label(Set.of()), best.stats(metric).mean()));
            boolean[][] cb = correct(best.runs(), group);
            s.append(cb == null ? ")" : String.format(Locale.ROOT, ", 95%% CI %s)", range(Bootstrap.accuracy(cb))));
            Optional<TrackedRuns.RunRow> baseline = strongestBaseline(metric);
            if (baseline.isPresent()) {
                s.append(String.format(Locale.ROOT, "; against the strongest baseline, `%s` (%.3f): %s",
                        baseline.get().tags().get(RunGroups.BASELINE_TAG), baseline.get().metrics().get(metric),
                        verdict(cb, correct(List.of(baseline.get()), group))));
            }
            out.add(s.append('.').toString());
            for (String param : runs.designParams()) {
                if (RunGroups.isReplicate(param)) {
                    continue;
                }
                List<String> parts = new ArrayList<>();
                ranked.stream().map(g -> g.get(param)).distinct().filter(v -> !v.equals(best.get(param)))
                        .forEach(v -> {
                            RunGroups.Group other = ranked.stream().filter(g -> v.equals(g.get(param))).findFirst()
                                    .orElseThrow();
                            parts.add(String.format(Locale.ROOT, "`%s` (%.3f): %s", other.label(Set.of()),
                                    other.stats(metric).mean(), verdict(cb, correct(other.runs(), group))));
                        });
                if (!parts.isEmpty()) {
                    out.add("Against the best configuration with another `" + RunGroups.shortName(param)
                            + "` on `" + group + "`: " + String.join("; ", parts) + ".");
                }
            }
            if (runs.varying().contains(RunGroups.PI)) {
                out.add(byPi(group, metric, index, best));
            }
        }
        return out;
    }

    /** How π trades the group: its mean test accuracy at each π with weight on it, for the best configuration's design. */
    private String byPi(String group, String metric, int index, RunGroups.Group best) {
        List<String> points = new ArrayList<>();
        runs.groups().stream()
                .filter(g -> runs.designParams().stream().allMatch(p -> java.util.Objects.equals(g.get(p), best.get(p))))
                .filter(g -> g.stats(metric).n() > 0 && !(index >= 0 && GroupWeights.isZero(g, index)))
                .sorted(Comparator.comparingDouble(g -> Double.parseDouble(g.get(RunGroups.PI))))
                .forEach(g -> points.add(String.format(Locale.ROOT, "π = %s: %.3f", g.get(RunGroups.PI),
                        g.stats(metric).mean())));
        String design = best.key().entrySet().stream().filter(e -> !e.getKey().equals(RunGroups.PI))
                .map(e -> RunGroups.shortName(e.getKey()) + "=" + e.getValue()).collect(
                        java.util.stream.Collectors.joining(" "));
        return "`" + group + "` test accuracy by π" + (design.isEmpty() ? "" : " (`" + design + "`)") + ": "
                + String.join(", ", points) + ".";
    }

    /** "better by +0.05 [+0.02, +0.08], McNemar p = 0.001" or "no significant difference (...)", for A over B. */
    private static String verdict(boolean[][] a, boolean[][] b) {
        if (a == null || b == null || a[0].length != b[0].length) {
            return "no paired test (no per-example predictions on the same examples), no difference claimed";
        }
        Interval d = Bootstrap.pairedDifference(a, b);
        int[] bc = McNemar.discordant(a[0], b[0]);
        double p = McNemar.exactP(bc[0], bc[1]);
        String evidence = String.format(Locale.ROOT, "%s, McNemar p = %.2g", d.formatSigned(), p);
        if (!d.excludesZero() || p >= ALPHA) {
            return "no significant difference (" + evidence + ")";
        }
        return (d.estimate() > 0 ? "better by " : "worse by ") + evidence;
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
