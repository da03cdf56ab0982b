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
import org.polyhead.data.GroupRecord;
import org.polyhead.data.Split;
import org.polyhead.data.Splits;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetType;
import org.polyhead.spec.ExperimentSpec;

/** Several label groups per text (e.g. party and era): the groups the spec lists, split by unit (e.g. by speech). */
public final class GroupTask implements Task<GroupRecord> {

    @Override
    public Dataset<GroupRecord> load(String nameOrPath, Path home) {
        return DatasetRegistry.grouped(nameOrPath, home);
    }

    @Override
    public List<LabelGroup> groups(ExperimentSpec spec, List<GroupRecord> records, String source) {
        if (spec.groups().isEmpty()) {
            throw new UserError("groups: the spec must list at least one label group");
        }
        List<LabelGroup> groups = new ArrayList<>();
        for (int i = 0; i < spec.groups().size(); i++) {
            ExperimentSpec.GroupSpec g = spec.groups().get(i);
            if (!g.type().equals("softmax")) {
                throw new UserError("groups[" + i + "].type: '" + g.type() + "' is not supported by this runner yet");
            }
            List<String> classes = g.classes();
            if (classes.isEmpty()) {
                TreeSet<String> seen = new TreeSet<>();
                for (GroupRecord r : records) {
                    Object v = r.labels().get(g.name());
                    if (v == null) {
                        throw new UserError(source + ":" + r.line() + ": missing label for group '" + g.name() + "'");
                    }
                    seen.add(v.toString());
                }
                classes = List.copyOf(seen);
            }
            groups.add(new LabelGroup(g.name(), TargetType.SOFTMAX, classes));
        }
        return groups;
    }

    @Override
    public Split<GroupRecord> split(List<GroupRecord> records, ExperimentSpec.DataSpec data) {
        return Splits.byUnit(records, data.validation(), data.splitSeed());
    }

    @Override
    public Map<String, INDArray> targets(List<LabelGroup> groups, List<GroupRecord> records, String source) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (LabelGroup g : groups) {
            out.put(g.targetName(), OneHot.of(g, records, r -> r.labels().get(g.name()), source));
        }
        return out;
    }
}
