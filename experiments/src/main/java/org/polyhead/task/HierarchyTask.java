package org.polyhead.task;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.UserError;
import org.polyhead.data.Dataset;
import org.polyhead.data.DatasetRegistry;
import org.polyhead.data.PathRecord;
import org.polyhead.data.Split;
import org.polyhead.data.Splits;
import org.polyhead.eval.HierarchyEvaluation;
import org.polyhead.eval.Predictions;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetType;
import org.polyhead.hierarchy.ArgmaxDecoder;
import org.polyhead.hierarchy.HierarchyHeads;
import org.polyhead.hierarchy.LabelPath;
import org.polyhead.hierarchy.PathDecoder;
import org.polyhead.hierarchy.Taxonomy;
import org.polyhead.hierarchy.TaxonomyFile;
import org.polyhead.model.GroupModel;
import org.polyhead.model.ModelSpec;
import org.polyhead.spec.ExperimentSpec;
import org.polyhead.train.Trainer;

/**
 * Label paths topic → subtopic → class: one softmax group per level ({@code level0}, {@code level1}, … unless the spec
 * names them), split stratified by the full path.
 */
public final class HierarchyTask implements Task<PathRecord> {
    /** The taxonomy file a saved hierarchy model keeps, as parent → child edges. */
    public static final String TAXONOMY = "taxonomy.tsv";

    private final Taxonomy bound;

    /** The task before its data is read. */
    public HierarchyTask() {
        this(null);
    }

    /** The task bound to its data's taxonomy (null: designs stay unbound, as for a saved model without one). */
    public HierarchyTask(Taxonomy taxonomy) {
        this.bound = taxonomy;
    }

    @Override
    public String name() {
        return "hierarchy";
    }

    @Override
    public TaskKind kind(Taxonomy taxonomy) {
        return new HierarchyTask(taxonomy);
    }

    /** The hierarchical design bound to the taxonomy (other designs unchanged). */
    @Override
    public ModelSpec bind(ModelSpec spec) {
        if (bound == null || !(spec.heads() instanceof HierarchyHeads h)) {
            return spec;
        }
        return new ModelSpec(spec.encoder(), spec.pooling(), h.bind(bound), spec.groups(), spec.weighting());
    }

    /**
     * The per-level metrics and losses, then the path metrics of {@link HierarchyEvaluation}, from one pass that also
     * reads the design's diagnostic outputs (e.g. the teacher-forced probabilities).
     */
    @Override
    public Evaluated evaluate(Trainer trainer, GroupModel model, TextBatches part, double[] weights, int bs) {
        List<String> diagnostics = model.spec().heads() instanceof HierarchyHeads h
                ? h.diagnosticOutputs(model.groups()) : List.of();
        Predictions probs = Predictor.predictions(trainer, model.groups(), diagnostics, part, weights, bs);
        Map<String, Double> metrics = Predictor.metrics(model.groups(), probs, part.targets(), part.size());
        metrics.putAll(HierarchyEvaluation.metrics(bound, decoder(model.spec()), model.groups(), probs,
                part.targets()));
        return new Evaluated(metrics, probs);
    }

    /** The per-level names and those of the path metrics, asked of {@link HierarchyEvaluation} on one example. */
    @Override
    public Set<String> metricNames(ModelSpec spec) {
        Set<String> names = new LinkedHashSet<>(Task.super.metricNames(spec));
        if (bound != null) {
            List<String> diagnostics = spec.heads() instanceof HierarchyHeads h ? h.diagnosticOutputs(spec.groups())
                    : List.of();
            int widest = spec.groups().stream().mapToInt(LabelGroup::width).max().orElse(1);
            names.addAll(HierarchyEvaluation.metrics(bound, decoder(spec), spec.groups(),
                    OneExample.predictions(spec.groups(), diagnostics, widest), OneExample.targets(spec.groups()))
                    .keySet());
        }
        return names;
    }

    private PathDecoder decoder(ModelSpec spec) {
        return spec.heads() instanceof HierarchyHeads h ? h.decoder(bound) : new ArgmaxDecoder();
    }

    /** A taxonomy of more than one level, which the saved model's design is bound to again on loading. */
    @Override
    public void save(Path modelDir) throws IOException {
        if (bound != null && bound.depth() > 1) {
            TaxonomyFile.write(bound, modelDir.resolve(TAXONOMY));
        }
    }

    @Override
    public Dataset<PathRecord> load(String nameOrPath, Path home) {
        return DatasetRegistry.hierarchy(nameOrPath, home);
    }

    /**
     * From {@code data.taxonomy} (a file of parent → child edges, relative to the project root) or else derived from
     * the records' paths; a record whose path the taxonomy lacks, an empty level or a cycle fails with file and line.
     */
    @Override
    public Taxonomy taxonomy(ExperimentSpec.DataSpec data, List<PathRecord> records, String source, Path home) {
        List<LabelPath> paths = records.stream().map(r -> new LabelPath(r.line(), r.path())).toList();
        Taxonomy taxonomy = data.taxonomy() == null ? Taxonomy.fromPaths(source, paths)
                : TaxonomyFile.read(home.resolve(data.taxonomy()));
        taxonomy.requireAll(source, paths);
        return taxonomy;
    }

    /** The levels with the taxonomy's classes (which a taxonomy file may list beyond those in the records). */
    static List<LabelGroup> withClasses(List<LabelGroup> groups, Taxonomy taxonomy) {
        if (taxonomy == null) {
            return groups;
        }
        List<LabelGroup> out = new ArrayList<>();
        for (int k = 0; k < groups.size(); k++) {
            out.add(new LabelGroup(groups.get(k).name(), TargetType.SOFTMAX, taxonomy.classes(k)));
        }
        return out;
    }

    @Override
    public List<LabelGroup> groups(ExperimentSpec spec, List<PathRecord> records, String source) {
        int depth = records.get(0).path().size();
        if (!spec.groups().isEmpty() && spec.groups().size() != depth) {
            throw new UserError("groups: the hierarchy " + source + " has " + depth + " levels, the spec names "
                    + spec.groups().size());
        }
        List<LabelGroup> groups = new ArrayList<>();
        for (int level = 0; level < depth; level++) {
            TreeSet<String> classes = new TreeSet<>();
            for (PathRecord r : records) {
                classes.add(r.path().get(level));
            }
            String name = spec.groups().isEmpty() ? "level" + level : spec.groups().get(level).name();
            if (classes.size() < 2) {
                throw TaskData.oneClass("level '" + name + "'", classes, source);
            }
            groups.add(new LabelGroup(name, TargetType.SOFTMAX, List.copyOf(classes)));
        }
        return groups;
    }

    @Override
    public String describe(LabelGroup level) {
        return "level '" + level.name() + "'";  // as groups() names a level with one class
    }

    @Override
    public Split<PathRecord> split(List<PathRecord> records, ExperimentSpec.DataSpec data) {
        return Splits.stratified(records, r -> String.join("/", r.path()), data.validation(), data.test(),
                data.splitSeed());
    }

    @Override
    public Map<String, INDArray> targets(List<LabelGroup> groups, List<PathRecord> records, String source) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (int level = 0; level < groups.size(); level++) {
            int l = level;
            out.put(groups.get(level).targetName(), OneHot.of(groups.get(level), records, r -> r.path().get(l), source));
        }
        return out;
    }
}
