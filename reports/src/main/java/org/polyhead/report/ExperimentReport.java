package org.polyhead.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.polyhead.UserError;

/**
 * The report of an experiment's tracked runs: a table of mean ± std over seeds per configuration (grouped by the
 * swept params other than seeds), the plots that the runs' params and metrics call for, findings computed from that
 * table, and provenance. Written as {@code index.md}, {@code index.html} (same content), {@code results.csv} and PNGs.
 */
public final class ExperimentReport {
    private ExperimentReport() {}

    /**
     * @param command the command that produced the runs or the report, as a reader would retype it
     * @param setup   extra provenance lines (hardware, wall time, ...)
     */
    public record Context(String experiment, String command, List<String> setup) {}

    /** Writes the report of the FINISHED runs among {@code runs} into {@code dir}; returns {@code index.md}. */
    public static Path write(Path dir, List<TrackedRuns.RunRow> runs, Context context) {
        return write(dir, runs, context, PredictionSource.NONE);
    }

    /**
     * As {@link #write(Path, List, Context)}, with the runs' per-example test predictions from {@code predictions}
     * for intervals over test examples and paired tests.
     */
    public static Path write(Path dir, List<TrackedRuns.RunRow> runs, Context context, PredictionSource predictions) {
        List<TrackedRuns.RunRow> finished = runs.stream().filter(r -> r.status().equals("FINISHED")).toList();
        if (finished.isEmpty()) {
            throw new UserError("experiment '" + context.experiment() + "' has no FINISHED runs to report ("
                    + runs.size() + " runs found)");
        }
        RunGroups groups = new RunGroups(finished);
        if (groups.runs().isEmpty()) {
            throw new UserError("experiment '" + context.experiment() + "' has only baseline runs to report");
        }
        TestSection test = new TestSection(groups, predictions);
        try {
            Files.createDirectories(dir);
            Doc doc = new Doc(context.experiment() + ": results");
            List<String> tested = test.groups();
            List<String> answer = tested.isEmpty() ? List.of() : test.answer();
            if (!answer.isEmpty()) {
                doc.heading("Answer").para(ANSWER_INTRO).add(new Doc.Bullets(answer));
            }
            doc.para(intro(groups, runs.size() - finished.size()));
            doc.heading("Results").add(ResultsTable.of(groups));
            if (!tested.isEmpty()) {
                doc.heading("Held-out test").para(TEST_INTRO);
                tested.forEach(g -> doc.para("Group `" + g + "`:").add(test.table(g)));
                test.pathTable().ifPresent(t -> doc.para("Whole label paths (mean ± sd over seeds): `path_acc` as "
                        + "each design decodes its own outputs, `path_acc_constrained` by the same joint decoding "
                        + "over the taxonomy's paths for every design, `consistency` the share of decoded paths that "
                        + "exist in the taxonomy, `hf1` hierarchical F1.").add(t));
            }
            List<String> findings = new java.util.ArrayList<>(test.findings());
            findings.addAll(Findings.of(groups));
            doc.heading("Findings").add(new Doc.Bullets(findings));
            List<Doc.Image> figures = Plots.draw(groups, dir);
            doc.heading("Plots");
            figures.forEach(doc::add);
            ProvenanceSection.append(doc, groups, context);
            Files.writeString(dir.resolve("results.csv"), ResultsTable.csv(groups));
            Files.writeString(dir.resolve("index.html"), HtmlWriter.render(doc));
            Path md = dir.resolve("index.md");
            Files.writeString(md, MarkdownWriter.render(doc));
            return md;
        } catch (IOException e) {
            throw new UserError("cannot write the report under " + dir + ": " + e.getMessage(), e);
        }
    }

    private static final String ANSWER_INTRO = "From the held-out test part (details under Held-out test): "
            + "accuracy is the mean over seeds; differences are paired over the same test examples (95% bootstrap "
            + "interval of the accuracy difference, McNemar's exact test) and stated only when both reject no "
            + "difference.";

    private static final String TEST_INTRO = "Each configuration evaluated once on the held-out test part with the "
            + "weights of its best validation epoch; baselines trained on the same train part. Intervals are 95% "
            + "percentile bootstrap intervals (" + Bootstrap.RESAMPLES + " resamples, fixed seed): over the seeds' "
            + "test accuracies, and over test examples (the seeds' mean accuracy on each resample of the examples).";

    private static String intro(RunGroups groups, int notFinished) {
        String swept = groups.varying().isEmpty() ? "no param varies between runs"
                : "runs are grouped by " + groups.varying().stream().map(p -> "`" + p + "`").collect(Collectors.joining(", "));
        return groups.runs().size() + " finished runs" + (notFinished > 0 ? " (" + notFinished + " failed or unfinished left out)" : "")
                + "; " + swept + ", and seeds are averaged: each cell is mean ± sample standard deviation over the runs "
                + "of a configuration, of each run's last validation value as stored in MLflow (a single run shows its "
                + "value alone). Full precision in `results.csv`.";
    }
}
