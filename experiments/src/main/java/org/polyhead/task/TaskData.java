package org.polyhead.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.UserError;
import org.polyhead.data.Dataset;
import org.polyhead.data.DatasetRegistry;
import org.polyhead.data.Split;
import org.polyhead.data.TextRecord;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetType;
import org.polyhead.hierarchy.Taxonomy;
import org.polyhead.hierarchy.TaxonomyFile;
import org.polyhead.spec.ExperimentSpec;
import org.polyhead.spec.SpecLoader;

/**
 * Prepares any task's data the same way: load, take a seeded sample, split (the task decides how), derive groups,
 * tokenize, encode targets, and keep the split assignment as a run artifact.
 */
public final class TaskData {
    private static final Map<DatasetRegistry.Kind, Supplier<Task<?>>> TASKS = Map.of(
            DatasetRegistry.Kind.GROUPED, GroupTask::new,
            DatasetRegistry.Kind.HIERARCHY, HierarchyTask::new,
            DatasetRegistry.Kind.TARGET, TargetTask::new);

    private TaskData() {}

    /** Picks the task from the dataset's kind (a built-in name or the keys of a user's JSONL file). */
    public static PreparedData prepare(SpecLoader.Resolved resolved, Path home, Path workDir) {
        DatasetRegistry.Kind kind = DatasetRegistry.kindOf(resolved.spec().data().name(), home);
        return prepare(TASKS.get(kind).get(), resolved, home, workDir);
    }

    /**
     * The kind a saved model was trained as ({@code model.json}'s {@code task}), bound again to the taxonomy the model
     * keeps; models saved before model.json named their kind are hierarchy models when they keep a taxonomy.
     */
    public static TaskKind saved(String name, Path modelDir) {
        Path file = modelDir.resolve(HierarchyTask.TAXONOMY);
        Taxonomy taxonomy = Files.isRegularFile(file) ? TaxonomyFile.read(file) : null;
        Task<?> task = TASKS.values().stream().map(Supplier::get).filter(t -> t.name().equals(name)).findFirst()
                .orElseGet(() -> taxonomy != null ? new HierarchyTask() : new GroupTask());
        return task.kind(taxonomy);
    }

    /**
     * Refuses data in which a softmax group (a target's label, a hierarchy's level) holds one class only, counted in
     * the sampled records' targets whatever the spec declares: such a classifier has nothing to learn.
     */
    private static void requireTwoClasses(Task<?> task, List<LabelGroup> groups, String source,
                                          List<TextBatches> parts) {
        for (LabelGroup g : groups) {
            if (g.type() != TargetType.SOFTMAX) {
                continue;
            }
            INDArray counts = null;
            for (TextBatches part : parts) {
                INDArray c = part.targets().get(g.targetName()).sum(0);
                counts = counts == null ? c : counts.add(c);
            }
            List<String> seen = new ArrayList<>();
            for (int k = 0; k < g.width(); k++) {
                if (counts.getDouble(k) > 0) {
                    seen.add(g.classes().get(k));
                }
            }
            if (seen.size() < 2) {
                throw oneClass(task.describe(g), seen, source);
            }
        }
    }

    /** The error for a softmax group (as {@link Task#describe} names it) that has fewer than two classes in the data. */
    static UserError oneClass(String group, Collection<String> classes, String source) {
        return new UserError("data: " + group + " has only " + classes.size() + " class " + classes + " in " + source
                + "; a classifier needs at least two");
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
        TextBatches test = split.test().isEmpty() ? null : task.batches(spec, groups, split.test(), dataset.name());
        requireTwoClasses(task, groups, dataset.name(), test == null ? List.of(train, val) : List.of(train, val, test));
        Map<String, Path> artifacts = new LinkedHashMap<>();
        try {
            artifacts.put("data", split.writeAssignment(workDir.resolve("split-" + resolved.hash().substring(0, 12))
                    .resolve("split.csv")));
        } catch (IOException e) {
            throw new UserError("cannot write the split assignment under " + workDir + ": " + e.getMessage(), e);
        }
        return new PreparedData(groups, train, val, Checkpoints.vocabSize(spec.encoder()), dataset.name(),
                dataset.sha256(), task.tokenizerId(spec), artifacts, taxonomy, task.kind(taxonomy), test, split);
    }
}
