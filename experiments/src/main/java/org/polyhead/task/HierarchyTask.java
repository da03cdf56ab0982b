package org.polyhead.task;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.UserError;
import org.polyhead.data.Dataset;
import org.polyhead.data.DatasetRegistry;
import org.polyhead.data.PathRecord;
import org.polyhead.data.Split;
import org.polyhead.data.Splits;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetType;
import org.polyhead.hierarchy.LabelPath;
import org.polyhead.hierarchy.Taxonomy;
import org.polyhead.hierarchy.TaxonomyFile;
import org.polyhead.spec.ExperimentSpec;

/**
 * Label paths topic → subtopic → class: one softmax group per level ({@code level0}, {@code level1}, … unless the spec
 * names them), split stratified by the full path.
 */
public final class HierarchyTask implements Task<PathRecord> {

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
            groups.add(new LabelGroup(name, TargetType.SOFTMAX, List.copyOf(classes)));
        }
        return groups;
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
