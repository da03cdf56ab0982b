package org.polyhead.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.mlflow.tracking.utils.MlflowTagConstants;
import org.polyhead.track.Tags;

/** Where the numbers came from: command, spec, git commits, datasets, backend, sweep and every run id. */
final class ProvenanceSection {
    private ProvenanceSection() {}

    static void append(Doc doc, RunGroups runs, ExperimentReport.Context context) {
        doc.heading("Provenance");
        List<String> items = new ArrayList<>();
        items.add("command: `" + context.command() + "`");
        context.setup().forEach(items::add);
        items.add("spec: " + distinct(runs, Tags.SPEC));
        items.add("git commit (dirty): " + runs.runs().stream()
                .map(r -> r.tags().getOrDefault(Tags.GIT_COMMIT, "?") + " ("
                        + r.tags().getOrDefault(Tags.GIT_DIRTY, "?") + ")")
                .distinct().map(s -> "`" + s + "`").collect(Collectors.joining(", ")));
        items.add("dataset: " + distinct(runs, Tags.DATASET) + ", SHA-256 " + distinct(runs, Tags.DATASET_SHA256));
        items.add("tokenizer: " + distinct(runs, Tags.TOKENIZER));
        items.add("backend: " + distinct(runs, Tags.BACKEND) + "; device: " + distinct(runs, Tags.DEVICE));
        items.add("polyhead version: " + distinct(runs, Tags.VERSION));
        items.add("sweep (parent run): " + distinct(runs, MlflowTagConstants.PARENT_RUN_ID));
        doc.add(new Doc.Bullets(items));
        List<List<String>> rows = new ArrayList<>();
        for (RunGroups.Group g : runs.groups()) {
            for (TrackedRuns.RunRow r : g.runs()) {
                rows.add(List.of("`" + r.runId() + "`", g.label(Set.of()), seed(r),
                        "`" + abbreviate(r.tags().getOrDefault(Tags.CONFIG_HASH, "?")) + "`"));
            }
        }
        doc.add(new Doc.Table(List.of("run id", "configuration", "seed", "config hash"), rows));
    }

    private static String seed(TrackedRuns.RunRow r) {
        return r.params().entrySet().stream().filter(e -> RunGroups.isReplicate(e.getKey()))
                .map(e -> RunGroups.shortName(e.getKey()) + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    private static String distinct(RunGroups runs, String tag) {
        String s = runs.runs().stream().map(r -> r.tags().get(tag)).filter(Objects::nonNull).distinct()
                .map(v -> "`" + v.replace("`", "'") + "`").collect(Collectors.joining(", "));
        return s.isEmpty() ? "–" : s;
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
