package org.polyhead.hierarchy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.polyhead.UserError;

/** Taxonomies from edge files and from label paths, and every bad input named by file and line. */
class TaxonomyTest {
    static final String EDGES = """
            # topic -> subtopic -> class
            animal -> bird
            animal -> fish
            bird\tparrot
            bird -> owl
            fish -> trout
            plant -> tree
            tree -> oak
            """;

    @Test
    void edgesFileGivesSortedLevelsAndParents(@TempDir Path tmp) throws IOException {
        Taxonomy t = TaxonomyFile.read(Files.writeString(tmp.resolve("tax.txt"), EDGES));
        assertEquals(3, t.depth());
        assertEquals(List.of("animal", "plant"), t.classes(0));
        assertEquals(List.of("bird", "fish", "tree"), t.classes(1));
        assertEquals(List.of("oak", "owl", "parrot", "trout"), t.classes(2));
        assertArrayEquals(new int[] {1, 2, 0}, t.indexOf(List.of("plant", "tree", "oak")));
        assertNull(t.indexOf(List.of("plant", "bird", "owl")));
        assertEquals(4, t.paths().size());
        t.paths().forEach(p -> assertTrue(t.contains(p)));
        assertEquals(t.classes(2), DecodingTest.TAX.classes(2));
        for (int i = 0; i < t.paths().size(); i++) {
            assertArrayEquals(DecodingTest.TAX.paths().get(i), t.paths().get(i), "the file and the paths agree");
        }
    }

    @Test
    void aWrittenTaxonomyReadsBackTheSame(@TempDir Path tmp) throws IOException {
        Taxonomy back = TaxonomyFile.read(TaxonomyFile.write(DecodingTest.TAX, tmp.resolve("saved.tsv")));
        for (int k = 0; k < back.depth(); k++) {
            assertEquals(DecodingTest.TAX.classes(k), back.classes(k));
        }
        for (int i = 0; i < back.paths().size(); i++) {
            assertArrayEquals(DecodingTest.TAX.paths().get(i), back.paths().get(i));
        }
    }

    @Test
    void aRecordWhosePathIsNotInTheTaxonomyIsNamedByLine(@TempDir Path tmp) throws IOException {
        Taxonomy t = TaxonomyFile.read(Files.writeString(tmp.resolve("tax.txt"), EDGES));
        List<LabelPath> records = List.of(new LabelPath(1, List.of("animal", "bird", "owl")),
                new LabelPath(2, List.of("plant", "bird", "owl")));
        UserError e = assertThrows(UserError.class, () -> t.requireAll("data/mine.jsonl", records));
        assertTrue(e.getMessage().startsWith("data/mine.jsonl:2: path plant → bird → owl is not in the taxonomy"),
                e.getMessage());
    }

    @Test
    void anEmptyLevelIsNamedByLine(@TempDir Path tmp) throws IOException {
        UserError inPaths = assertThrows(UserError.class, () -> Taxonomy.fromPaths("data/mine.jsonl", List.of(
                new LabelPath(1, List.of("a", "b", "c")), new LabelPath(7, List.of("a", " ", "c")))));
        assertTrue(inPaths.getMessage().startsWith("data/mine.jsonl:7: level 2 of the path is empty"),
                inPaths.getMessage());
        Path f = Files.writeString(tmp.resolve("tax.txt"), "a -> b\nb -> \n");
        UserError inEdges = assertThrows(UserError.class, () -> TaxonomyFile.read(f));
        assertEquals(f + ":2: empty child label", inEdges.getMessage());
    }

    @Test
    void aCycleIsNamedByLine(@TempDir Path tmp) throws IOException {
        Path pure = Files.writeString(tmp.resolve("cycle.txt"), "x -> y\n\ny -> z\nz -> x\n");
        UserError cycle = assertThrows(UserError.class, () -> TaxonomyFile.read(pure));
        assertTrue(cycle.getMessage().matches(Pattern.quote(pure.toString()) + ":[134]: cycle through '[xyz]'"),
                cycle.getMessage());
        Path self = Files.writeString(tmp.resolve("self.txt"), "x -> y\ny -> y\n");
        assertEquals(self + ":2: cycle: 'y' is its own parent",
                assertThrows(UserError.class, () -> TaxonomyFile.read(self)).getMessage());
    }

    @Test
    void aLabelUnderTwoParentsOrARaggedLeafIsNamedByLine(@TempDir Path tmp) throws IOException {
        Path two = Files.writeString(tmp.resolve("two.txt"), "a -> x\nb -> x\n");
        assertEquals(two + ":2: 'x' is under 'b' here but under 'a' at line 1",
                assertThrows(UserError.class, () -> TaxonomyFile.read(two)).getMessage());
        Path ragged = Files.writeString(tmp.resolve("ragged.txt"), "a -> b\nb -> c\na -> d\n");
        UserError e = assertThrows(UserError.class, () -> TaxonomyFile.read(ragged));
        assertTrue(e.getMessage().startsWith(ragged + ":3: leaf 'd' is at level 2"), e.getMessage());
        UserError inPaths = assertThrows(UserError.class, () -> Taxonomy.fromPaths("p.jsonl", List.of(
                new LabelPath(1, List.of("a", "b")), new LabelPath(2, List.of("c", "b")))));
        assertTrue(inPaths.getMessage().startsWith("p.jsonl:2: 'b' (level 2) is under 'c' here but under 'a' at line 1"),
                inPaths.getMessage());
    }
}
