package org.polyhead.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.polyhead.track.Metrics;

/**
 * Short conclusions computed from the report's own tables (never written by hand): which design is best per metric
 * (and per π), how often each design wins or loses, by how much, and whether the gap exceeds the seed noise. Cells
 * where a group has zero weight (π = 0 for the first group, π = 1 for the second) are left out: that head was never
 * trained. Comparisons on the held-out test part, with significance, are {@link TestSection}'s.
 */
final class Findings {
    private Findings() {}

    static List<String> of(RunGroups runs) {
        List<String> out = new ArrayList<>();
        if (runs.groups().size() < 2) {
            out.add("Only one configuration: nothing to compare.");
            return out;
        }
        List<String> tasks = TaskGroups.of(runs);
        boolean piSweep = runs.varying().contains(RunGroups.PI) && tasks.size() >= 2;
        if (piSweep && !runs.designParams().isEmpty()) {
            out.addAll(perPi(runs, tasks));
            out.add(pareto(runs, tasks));
        } else if (piSweep) {
            out.addAll(piEffect(runs, tasks));
            out.add(pareto(runs, tasks));
        } else {
            for (String m : runs.metrics()) {
                out.add(best(m, runs.groups(), Set.of()));
            }
        }
        return out;
    }

    /** For each group's accuracy: which design is best at each π, and each design's record over all (π, group) cells. */
    private static final String TIED = "";

    private static List<String> perPi(RunGroups runs, List<String> tasks) {
        List<String> out = new ArrayList<>();
        Map<String, List<RunGroups.Group>> designs = PiCurvePlot.byDesign(runs);
        Map<String, int[]> record = new LinkedHashMap<>();   // design → {best, worst, cells}
        Map<String, Double> gapSum = new LinkedHashMap<>();  // design → Σ (its mean − best other design's mean)
        designs.keySet().forEach(d -> {
            record.put(d, new int[3]);
            gapSum.put(d, 0.0);
        });
        int cells = 0;
        int clear = 0;
        for (String task : tasks) {
            String metric = Metrics.accuracy(task);
            Map<String, List<String>> winsAt = new LinkedHashMap<>();
            for (String pi : piValues(runs)) {
                if (zeroWeight(runs, tasks.indexOf(task), pi)) {
                    continue;  // the group's head was not trained at this π
                }
                Map<String, Stats> at = new LinkedHashMap<>();
                designs.forEach((d, gs) -> gs.stream().filter(g -> g.get(RunGroups.PI).equals(pi)).findFirst()
                        .ifPresent(g -> at.put(d, g.stats(metric))));
                if (at.size() < 2) {
                    continue;
                }
                cells++;
                List<Map.Entry<String, Stats>> ranked = at.entrySet().stream()
                        .sorted(Comparator.comparingDouble((Map.Entry<String, Stats> e) -> e.getValue().mean()).reversed())
                        .toList();
                Map.Entry<String, Stats> top = ranked.get(0);
                Map.Entry<String, Stats> second = ranked.get(1);
                Map.Entry<String, Stats> last = ranked.get(ranked.size() - 1);
                // equal means are ties, not wins: a cell where every design predicts the same is nobody's
                if (top.getValue().mean() == second.getValue().mean()) {
                    winsAt.computeIfAbsent(TIED, k -> new ArrayList<>()).add(pi);
                } else {
                    winsAt.computeIfAbsent(top.getKey(), k -> new ArrayList<>()).add(pi);
                    record.get(top.getKey())[0]++;
                }
                if (last.getValue().mean() < ranked.get(ranked.size() - 2).getValue().mean()) {
                    record.get(last.getKey())[1]++;
                }
                if (clearLead(top.getValue(), second.getValue())) {
                    clear++;
                }
                for (Map.Entry<String, Stats> e : at.entrySet()) {
                    record.get(e.getKey())[2]++;
                    double bestOther = at.entrySet().stream().filter(o -> !o.getKey().equals(e.getKey()))
                            .mapToDouble(o -> o.getValue().mean()).max().orElse(Double.NaN);
                    gapSum.merge(e.getKey(), e.getValue().mean() - bestOther, Double::sum);
                }
            }
            out.add("On `" + metric + "`: " + winsAt.entrySet().stream()
                    .map(e -> (e.getKey().equals(TIED) ? "the best designs tie" : "`" + e.getKey() + "` is best")
                            + " at π ∈ {" + String.join(", ", e.getValue()) + "}")
                    .collect(Collectors.joining("; ")) + ".");
        }
        for (String d : designs.keySet()) {
            int[] r = record.get(d);
            if (r[2] == 0) {
                continue;
            }
            out.add(String.format(Locale.ROOT, "`%s`: best in %d and worst in %d of %d (π, group) cells; on average "
                    + "%+.4f accuracy against the best other design.", d, r[0], r[1], r[2], gapSum.get(d) / r[2]));
        }
        if (runs.groups().stream().allMatch(g -> g.runs().size() > 1)) {
            out.add(String.format(Locale.ROOT, "In %d of %d cells the winner's lead exceeds one standard deviation over "
                    + "seeds; elsewhere the ranking is within seed noise.", clear, cells));
        } else {
            out.add("Some configurations have a single run: no seed spread to judge these rankings against.");
        }
        return out;
    }

    /** Without designs to compare: where each group's accuracy peaks over π. */
    private static List<String> piEffect(RunGroups runs, List<String> tasks) {
        List<String> out = new ArrayList<>();
        for (String task : tasks) {
            int index = tasks.indexOf(task);
            out.add(best(Metrics.accuracy(task), runs.groups().stream().filter(g -> !GroupWeights.isZero(g, index))
                    .toList(), Set.of()));
        }
        return out;
    }

    private static String pareto(RunGroups runs, List<String> tasks) {
        List<ParetoPlot.Point> front = ParetoPlot.front(ParetoPlot.points(runs, tasks));
        boolean designs = !runs.designParams().isEmpty();
        Map<String, Long> byDesign = front.stream().collect(Collectors.groupingBy(ParetoPlot.Point::design,
                LinkedHashMap::new, Collectors.counting()));
        return "Pareto front (" + tasks.get(0) + " vs " + tasks.get(1) + " accuracy): " + front.size()
                + " non-dominated points: " + front.stream().map(p -> designs ? "`" + p.design() + "` at π=" + p.pi() : "π=" + p.pi())
                .collect(Collectors.joining(", ")) + (designs ? " (" + byDesign.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")) + ")" : "") + ".";
    }

    private static String best(String metric, List<RunGroups.Group> groups, Set<String> without) {
        List<RunGroups.Group> ranked = groups.stream().filter(g -> g.stats(metric).n() > 0)
                .sorted(Comparator.comparingDouble((RunGroups.Group g) -> g.stats(metric).mean()).reversed()).toList();
        if (ranked.size() < 2) {
            return "`" + metric + "`: fewer than two configurations have it.";
        }
        Stats a = ranked.get(0).stats(metric);
        Stats b = ranked.get(1).stats(metric);
        String noise = a.mean() == b.mean() ? "tied"
                : a.n() < 2 || b.n() < 2 ? "single runs, no seed spread to judge the gap against"
                : clearLead(a, b) ? "the lead exceeds one standard deviation over seeds" : "within seed noise";
        return String.format(Locale.ROOT, "`%s`: best `%s` (%s), then `%s` (%s); %s.", metric,
                ranked.get(0).label(without), a.format(), ranked.get(1).label(without), b.format(), noise);
    }

    /** The gap exceeds both configurations' seed spread (only meaningful with at least two seeds each). */
    private static boolean clearLead(Stats top, Stats second) {
        return top.n() > 1 && second.n() > 1 && top.mean() - second.mean() > Math.max(top.std(), second.std());
    }

    private static boolean zeroWeight(RunGroups runs, int index, String pi) {
        return runs.groups().stream().filter(g -> pi.equals(g.get(RunGroups.PI)))
                .anyMatch(g -> GroupWeights.isZero(g, index));
    }

    private static List<String> piValues(RunGroups runs) {
        return runs.groups().stream().map(g -> g.get(RunGroups.PI)).distinct()
                .sorted(RunGroups::compareValues).toList();
    }
}
