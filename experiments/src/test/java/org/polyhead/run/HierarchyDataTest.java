package org.polyhead.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.polyhead.UserError;
import org.polyhead.spec.SpecLoader;
import org.polyhead.task.PreparedData;
import org.polyhead.task.TaskData;

/** A user's label paths checked against a taxonomy file named by {@code data.taxonomy}, and the split plan of stages. */
class HierarchyDataTest {
    private static final String DATA = """
            {"text": "a small singing bird", "path": ["animal", "bird", "finch"]}
            {"text": "a bird of prey", "path": ["animal", "bird", "owl"]}
            {"text": "a tall plant with bark", "path": ["plant", "tree", "oak"]}
            {"text": "a fish of rivers", "path": ["animal", "fish", "trout"]}
            """;
    private static final String TAXONOMY = """
            animal -> bird
            animal -> fish
            plant -> tree
            bird -> finch
            bird -> owl
            tree -> oak
            tree -> elm
            """;

    @Test
    void aPathTheTaxonomyFileLacksIsNamedByFileAndLine(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("mine.jsonl"), DATA);
        Files.writeString(tmp.resolve("tax.txt"), TAXONOMY + "fish -> salmon\n");
        UserError e = assertThrows(UserError.class, () -> prepare(tmp));
        assertTrue(e.getMessage().startsWith("mine.jsonl:4: path animal → fish → trout is not in the taxonomy"),
                e.getMessage());
    }

    @Test
    void theLevelsTakeTheTaxonomyFilesClasses(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("mine.jsonl"), DATA);
        Files.writeString(tmp.resolve("tax.txt"), TAXONOMY + "fish -> trout\n");
        PreparedData data = prepare(tmp);
        assertEquals(List.of("elm", "finch", "oak", "owl", "trout"), data.groups().get(2).classes());
        assertEquals(5, data.taxonomy().paths().size());
    }

    @Test
    void stagePartsAreDisjointAndCoverEveryRow() {
        StagePlan plan = StagePlan.of(100, 3, 7);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int k = 0; k < 3; k++) {
            int[] rows = plan.rows(k);
            assertTrue(rows.length >= 33 && rows.length <= 34, "stage " + k + " has " + rows.length);
            for (int r : rows) {
                assertTrue(seen.add(r), "row " + r + " in two stages");
            }
        }
        assertEquals(100, seen.size());
    }

    @Test
    void aLevelWithOneClassInTheDataIsRefusedNamingTheLevel(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("mine.jsonl"), """
                {"text": "a small singing bird", "path": ["animal", "bird", "finch"]}
                {"text": "a bird of prey", "path": ["animal", "bird", "owl"]}
                {"text": "a fish of rivers", "path": ["animal", "fish", "trout"]}
                {"text": "a fish with teeth", "path": ["animal", "fish", "pike"]}
                """);
        Path spec = Files.writeString(tmp.resolve("spec.yaml"), "name: mine\ndata: {name: " + tmp.resolve("mine.jsonl")
                + ", validation: 0.25}\n");
        UserError e = assertThrows(UserError.class,
                () -> TaskData.prepare(SpecLoader.load(spec, List.of()), tmp, tmp));
        assertEquals("data: level 'level0' has only 1 class [animal] in mine.jsonl; a classifier needs at least two",
                e.getMessage());
    }

    private static PreparedData prepare(Path tmp) throws IOException {
        Path spec = Files.writeString(tmp.resolve("spec.yaml"), "name: mine\ndata: {name: " + tmp.resolve("mine.jsonl")
                + ", validation: 0.25, taxonomy: " + tmp.resolve("tax.txt") + "}\nmodel: {heads: masked}\n");
        return TaskData.prepare(SpecLoader.load(spec, List.of()), tmp, tmp);
    }
}
