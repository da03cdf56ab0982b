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
import org.polyhead.data.GroupRecord;
import org.polyhead.data.Split;
import org.polyhead.data.Splits;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetScale;
import org.polyhead.heads.TargetType;
import org.polyhead.losses.GroupLosses;
import org.polyhead.spec.ExperimentSpec;

/**
 * Several label groups per text (e.g. party and year): the groups the spec lists, each of its own type (softmax,
 * multilabel or regression, with its loss), split by unit (e.g. by speech). Regression groups with
 * {@code standardise: true} get their scale from the training split ({@link #fit}).
 */
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
            String key = "groups[" + i + "]";
            TargetType type = type(g.type(), key + ".type");
            GroupLosses.named(type, g.loss(), key + ".loss");
            if (g.standardise() && type != TargetType.REGRESSION) {
                throw new UserError(key + ".standardise: only regression targets are standardised, '" + g.name()
                        + "' is " + g.type());
            }
            if (type == TargetType.REGRESSION && !g.classes().isEmpty()) {
                throw new UserError(key + ".classes: regression group '" + g.name() + "' has no classes");
            }
            List<String> classes = type == TargetType.REGRESSION || !g.classes().isEmpty() ? g.classes()
                    : classesSeen(g.name(), type, records, source);
            if (type == TargetType.SOFTMAX && classes.size() < 2) {
                throw new UserError(key + ": group '" + g.name() + "' has only " + classes.size() + " class " + classes
                        + (g.classes().isEmpty() ? " in " + source : "") + "; a classifier needs at least two");
            }
            groups.add(new LabelGroup(g.name(), type, classes, g.loss(), TargetScale.IDENTITY));
        }
        return groups;
    }

    /** Standardised regression groups take the mean and standard deviation of their training targets. */
    @Override
    public List<LabelGroup> fit(ExperimentSpec spec, List<LabelGroup> groups, List<GroupRecord> train, String source) {
        List<LabelGroup> fitted = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            LabelGroup g = groups.get(i);
            if (spec.groups().get(i).standardise()) {
                double[] y = GroupTargets.of(g, train, r -> r.labels().get(g.name()), source).data().asDouble();
                fitted.add(g.withScale(TargetScale.of(y)));
            } else {
                fitted.add(g);
            }
        }
        return fitted;
    }

    private static TargetType type(String name, String key) {
        for (TargetType t : TargetType.values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new UserError(key + ": unknown target type '" + name + "', expected softmax, multilabel or regression");
    }

    private static List<String> classesSeen(String group, TargetType type, List<GroupRecord> records, String source) {
        TreeSet<String> seen = new TreeSet<>();
        for (GroupRecord r : records) {
            Object v = r.labels().get(group);
            if (v == null) {
                throw new UserError(source + ":" + r.line() + ": missing label for group '" + group + "'");
            }
            if (type == TargetType.MULTILABEL) {
                GroupTargets.classesOf(v).forEach(c -> seen.add(c.toString()));
            } else {
                seen.add(v.toString());
            }
        }
        return List.copyOf(seen);
    }

    @Override
    public Split<GroupRecord> split(List<GroupRecord> records, ExperimentSpec.DataSpec data) {
        return Splits.byGroup(records, GroupRecord::unit, data.validation(), data.test(), data.splitSeed());
    }

    @Override
    public Map<String, INDArray> targets(List<LabelGroup> groups, List<GroupRecord> records, String source) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (LabelGroup g : groups) {
            out.put(g.targetName(), GroupTargets.of(g, records, r -> r.labels().get(g.name()), source));
        }
        return out;
    }

    /** Saved models and run tags name this kind {@code grouped}. */
    @Override
    public String name() {
        return "grouped";
    }
}
