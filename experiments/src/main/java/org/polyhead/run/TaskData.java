package org.polyhead.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.polyhead.UserError;
import org.polyhead.data.Dataset;
import org.polyhead.data.DatasetRegistry;
import org.polyhead.data.Split;
import org.polyhead.data.TextRecord;
import org.polyhead.heads.LabelGroup;
import org.polyhead.hierarchy.Taxonomy;
import org.polyhead.spec.ExperimentSpec;
import org.polyhead.spec.SpecLoader;

/**
 * Prepares any task's data the same way: load, take a seeded sample, split (the task decides how), derive groups,
 * tokenize, encode targets, and keep the split assignment as a run artifact.
 */
public final class TaskData {
    private TaskData() {}

    /** Picks the task from the dataset's kind (a built-in name or the keys of a user's JSONL file). */
    public static PreparedData prepare(SpecLoader.Resolved resolved, Path home, Path workDir) {
        DatasetRegistry.Kind kind = DatasetRegistry.kindOf(resolved.spec().data().name(), home);
        return switch (kind) {
            case GROUPED -> prepare(new GroupTask(), resolved, home, workDir);
            case HIERARCHY -> prepare(new HierarchyTask(), resolved, home, workDir);
            case TARGET -> prepare(new TargetTask(), resolved, home, workDir);
        };
    }

    static <R extends TextRecord> PreparedData prepare(Task<R> task, SpecLoader.Resolved resolved, Path home,
                                                       Path workDir) {
        ExperimentSpec spec = resolved.spec();
        Dataset<R> dataset = task.load(spec.data().name(), home);
        List<R> records = org.polyhead.data.Splits.sample(dataset.records(), spec.data().maxRecords(),
                spec.data().splitSeed());
        Taxonomy taxonomy = task.taxonomy(spec.data(), records, dataset.name(), home);
        List<LabelGroup> groups = HierarchyTask.withClasses(task.groups(spec, records, dataset.name()), taxonomy);
        Split<R> split = task.split(records, spec.data());
        groups = task.fit(spec, groups, split.train(), dataset.name());
        TextBatches train = task.batches(spec, groups, split.train(), dataset.name());
        TextBatches val = task.batches(spec, groups, split.validation(), dataset.name());
        Map<String, Path> artifacts = new LinkedHashMap<>();
        try {
            artifacts.put("data", split.writeAssignment(workDir.resolve("split-" + resolved.hash().substring(0, 12))
                    .resolve("split.csv")));
        } catch (IOException e) {
            throw new UserError("cannot write the split assignment under " + workDir + ": " + e.getMessage(), e);
        }
        return new PreparedData(groups, train, val, Checkpoints.vocabSize(spec.encoder()), dataset.name(),
                dataset.sha256(), task.tokenizerId(spec), artifacts, taxonomy,
                split.validation().stream().map(TextRecord::text).toList());
    }
}
