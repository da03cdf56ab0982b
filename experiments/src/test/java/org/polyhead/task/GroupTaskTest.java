package org.polyhead.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.UserError;
import org.polyhead.data.GroupRecord;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetType;
import org.polyhead.spec.ExperimentSpec;
import org.polyhead.spec.ExperimentSpec.GroupSpec;

/** Mixed target types from grouped records: encoding per type, standardisation, and errors naming line or key. */
class GroupTaskTest {
    private static final String SOURCE = "data/mine.jsonl";

    private static ExperimentSpec spec(GroupSpec... groups) {
        return new ExperimentSpec("t", null, null, null, List.of(groups), null, null, null, null, null);
    }

    private static GroupRecord record(int line, Object party, Object year, Object topics) {
        Map<String, Object> labels = new java.util.HashMap<>();
        if (party != null) {
            labels.put("party", party);
        }
        if (year != null) {
            labels.put("year", year);
        }
        if (topics != null) {
            labels.put("topics", topics);
        }
        return new GroupRecord(line, "text " + line, labels);
    }

    private static final List<GroupRecord> GOOD = List.of(record(1, "D", 1990.0, List.of("war")),
            record(2, "R", 2000.0, List.of("tax", "war")), record(3, "D", 2010.0, "tax"));
    private static final ExperimentSpec MIXED = spec(new GroupSpec("party", null, null),
            new GroupSpec("year", "regression", null, "huber", true),
            new GroupSpec("topics", "multilabel", null));

    @Test
    void dataWithOneClassInASoftmaxGroupIsRefusedBeforeTraining() {
        List<GroupRecord> oneParty = List.of(record(1, "D", 1990.0, null), record(2, "D", 2000.0, null));
        UserError e = assertThrows(UserError.class,
                () -> new GroupTask().groups(spec(new GroupSpec("party", null, null)), oneParty, SOURCE));
        assertEquals("groups[0]: group 'party' has only 1 class [D] in data/mine.jsonl; "
                + "a classifier needs at least two", e.getMessage());
    }

    @Test
    void eachTypeIsEncodedAsItsTargetArray() {
        GroupTask task = new GroupTask();
        List<LabelGroup> groups = task.groups(MIXED, GOOD, SOURCE);
        assertEquals(List.of(TargetType.SOFTMAX, TargetType.REGRESSION, TargetType.MULTILABEL),
                groups.stream().map(LabelGroup::type).toList());
        assertEquals(List.of("tax", "war"), groups.get(2).classes());
        assertEquals("huber", groups.get(1).loss());
        Map<String, INDArray> y = task.targets(groups, GOOD, SOURCE);
        assertEquals(2000.0, y.get("target.year").getDouble(1, 0), 0.0, "targets stay in original units");
        assertEquals("[[0,1.0000],[1.0000,1.0000],[1.0000,0]]", y.get("target.topics").toString()
                .replaceAll("\\s", ""));
    }

    @Test
    void standardisationTakesMeanAndStdFromTheTrainingRecordsOnly() {
        GroupTask task = new GroupTask();
        List<LabelGroup> groups = task.fit(MIXED, task.groups(MIXED, GOOD, SOURCE), GOOD.subList(0, 2), SOURCE);
        assertEquals(1995.0, groups.get(1).scale().mean(), 1e-9);
        assertEquals(Math.sqrt(50.0), groups.get(1).scale().std(), 1e-9);
        assertTrue(groups.get(0).scale().isIdentity());
    }

    @Test
    void aLabelOutsideTheGroupsClassListNamesTheLine() {
        ExperimentSpec s = spec(new GroupSpec("party", null, List.of("D", "R")));
        List<GroupRecord> records = List.of(record(1, "D", null, null), record(7, "Whig", null, null));
        GroupTask task = new GroupTask();
        UserError e = assertThrows(UserError.class, () -> task.targets(task.groups(s, records, SOURCE), records, SOURCE));
        assertTrue(e.getMessage().startsWith("data/mine.jsonl:7: label 'Whig' is not in group 'party'"), e.getMessage());
    }

    @Test
    void aMissingGroupLabelNamesTheLine() {
        List<GroupRecord> records = List.of(record(1, "D", 1990.0, null), record(4, "R", null, null));
        ExperimentSpec s = spec(new GroupSpec("year", "regression", null));
        GroupTask task = new GroupTask();
        UserError e = assertThrows(UserError.class, () -> task.targets(task.groups(s, records, SOURCE), records, SOURCE));
        assertEquals("data/mine.jsonl:4: missing label for group 'year'", e.getMessage());
        UserError classes = assertThrows(UserError.class, () -> task.groups(spec(new GroupSpec("topics", "multilabel",
                null)), records, SOURCE));
        assertTrue(classes.getMessage().startsWith("data/mine.jsonl:1: missing label for group 'topics'"));
    }

    @Test
    void aNonNumericContinuousTargetNamesTheLine() {
        List<GroupRecord> records = List.of(record(1, "D", 1990.0, null), record(9, "R", "nineteen-ninety", null));
        ExperimentSpec s = spec(new GroupSpec("year", "regression", null));
        GroupTask task = new GroupTask();
        UserError e = assertThrows(UserError.class, () -> task.targets(task.groups(s, records, SOURCE), records, SOURCE));
        assertTrue(e.getMessage().startsWith("data/mine.jsonl:9: group 'year' is a regression target and needs a number"),
                e.getMessage());
    }

    @Test
    void aUsersJsonlFileWithMixedTypesLoadsAndItsBadLineIsNamed(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("mine.jsonl"), """
                {"text": "cut taxes", "labels": {"party": "R", "year": 1981, "topics": ["tax"]}}
                {"text": "win the war", "labels": {"party": "D", "year": 1942, "topics": ["war", "tax"]}}

                {"text": "a new deal", "labels": {"party": "D", "year": "1933", "topics": "economy"}}
                """);
        GroupTask task = new GroupTask();
        var data = task.load(file.toString(), tmp);
        List<LabelGroup> groups = task.groups(MIXED, data.records(), data.name());
        assertEquals(List.of("economy", "tax", "war"), groups.get(2).classes());
        UserError e = assertThrows(UserError.class, () -> task.targets(groups, data.records(), data.name()));
        assertTrue(e.getMessage().startsWith("mine.jsonl:4: group 'year' is a regression target and needs a number, "
                + "got '1933'"), e.getMessage());
    }

    @Test
    void badTypesLossesAndFlagsNameTheirKey() {
        GroupTask task = new GroupTask();
        assertTrue(assertThrows(UserError.class, () -> task.groups(spec(new GroupSpec("party", null, null),
                new GroupSpec("year", "ordinal", null)), GOOD, SOURCE)).getMessage().startsWith("groups[1].type:"));
        assertTrue(assertThrows(UserError.class, () -> task.groups(spec(new GroupSpec("party", null, null, "huber",
                null)), GOOD, SOURCE)).getMessage().startsWith("groups[0].loss: unknown loss 'huber'"));
        assertTrue(assertThrows(UserError.class, () -> task.groups(spec(new GroupSpec("party", null, null, null,
                true)), GOOD, SOURCE)).getMessage().startsWith("groups[0].standardise:"));
    }

    @Test
    void lossWeightsMustMatchTheGroupsAndNameTheirKey() {
        List<LabelGroup> three = new GroupTask().groups(MIXED, GOOD, SOURCE);
        assertTrue(assertThrows(UserError.class, () -> LossWeights.of(new ExperimentSpec.LossSpec(0.3, null), three))
                .getMessage().startsWith("loss.pi:"));
        assertTrue(assertThrows(UserError.class, () -> LossWeights.of(new ExperimentSpec.LossSpec(null,
                List.of(1.0, 2.0)), three)).getMessage().startsWith("loss.weights:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ExperimentSpec.LossSpec(1.5, null))
                .getMessage().startsWith("loss.pi: must be in [0,1]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ExperimentSpec.LossSpec(null,
                List.of(0.0, 0.0, 0.0))).getMessage().startsWith("loss.weights"));
        assertEquals(List.of(0.2, 0.5, 0.3), java.util.Arrays.stream(LossWeights.of(new ExperimentSpec.LossSpec(null,
                List.of(0.2, 0.5, 0.3)), three)).boxed().toList());
    }
}
