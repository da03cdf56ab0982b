package org.polyhead.run;

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

    /** Derived from the records' paths (a label under two parents or an empty level fails with its line). */
    @Override
    public Taxonomy taxonomy(List<PathRecord> records, String source) {
        List<LabelPath> paths = records.stream().map(r -> new LabelPath(r.line(), r.path())).toList();
        Taxonomy taxonomy = Taxonomy.fromPaths(source, paths);
        taxonomy.requireAll(source, paths);
        return taxonomy;
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
