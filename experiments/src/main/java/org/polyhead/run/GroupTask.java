package org.polyhead.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.UserError;
import org.polyhead.data.Dataset;
import org.polyhead.data.DatasetRegistry;
import org.polyhead.data.GroupRecord;
import org.polyhead.data.Split;
import org.polyhead.data.Splits;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetType;
import org.polyhead.spec.ExperimentSpec;
import org.polyhead.spec.SpecLoader;

/**
 * Prepares a multi-group classification task: loads the dataset, takes a seeded sample, splits it by unit (no unit in
 * both parts), derives each group's classes from the data (sorted) unless the spec lists them, tokenizes and one-hot
 * encodes the targets.
 */
public final class GroupTask {
    private GroupTask() {}

    public static PreparedData prepare(SpecLoader.Resolved resolved, Path home, Path workDir) {
        ExperimentSpec spec = resolved.spec();
        Path tokenizerJson = Checkpoints.tokenizerOf(spec.encoder());
        Dataset<GroupRecord> dataset = DatasetRegistry.grouped(spec.data().name(), home);
        List<GroupRecord> records = Splits.sample(dataset.records(), spec.data().maxRecords(), spec.data().splitSeed());
        List<LabelGroup> groups = groups(spec, records, dataset.name());
        Split<GroupRecord> split = Splits.byUnit(records, spec.data().validation(), spec.data().splitSeed());
        int maxLength = spec.data().maxLength();
        Tokenized train = Tokenized.of(tokenizerJson, split.train().stream().map(GroupRecord::text).toList(), maxLength);
        Tokenized val = Tokenized.of(tokenizerJson, split.validation().stream().map(GroupRecord::text).toList(), maxLength);
        Map<String, Path> artifacts = new LinkedHashMap<>();
        try {
            artifacts.put("data", split.writeAssignment(workDir.resolve("split-" + resolved.hash().substring(0, 12))
                    .resolve("split.csv")));
        } catch (IOException e) {
            throw new UserError("cannot write the split assignment under " + workDir + ": " + e.getMessage(), e);
        }
        return new PreparedData(groups, new TextBatches(train.ids(), targets(groups, split.train(), dataset.name())),
                new TextBatches(val.ids(), targets(groups, split.validation(), dataset.name())), Checkpoints.vocabSize(spec.encoder()), dataset.name(),
                dataset.sha256(), train.tokenizerId(), artifacts);
    }

    private static List<LabelGroup> groups(ExperimentSpec spec, List<GroupRecord> records, String source) {
        if (spec.groups().isEmpty()) {
            throw new UserError("groups: the spec must list at least one label group");
        }
        List<LabelGroup> groups = new ArrayList<>();
        for (int i = 0; i < spec.groups().size(); i++) {
            ExperimentSpec.GroupSpec g = spec.groups().get(i);
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
            if (!g.type().equals("softmax")) {
                throw new UserError("groups[" + i + "].type: '" + g.type() + "' is not supported by this runner yet");
            }
            groups.add(new LabelGroup(g.name(), TargetType.SOFTMAX, classes));
        }
        return groups;
    }

    private static Map<String, INDArray> targets(List<LabelGroup> groups, List<GroupRecord> records, String source) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (LabelGroup g : groups) {
            INDArray y = Nd4j.zeros(DataType.FLOAT, records.size(), g.width());
            for (int i = 0; i < records.size(); i++) {
                Object v = records.get(i).labels().get(g.name());
                int k = v == null ? -1 : g.classes().indexOf(v.toString());
                if (k < 0) {
                    throw new UserError(source + ":" + records.get(i).line() + ": label '" + v + "' is not in group '"
                            + g.name() + "' " + g.classes());
                }
                y.putScalar(i, k, 1f);
            }
            out.put(g.targetName(), y);
        }
        return out;
    }
}
