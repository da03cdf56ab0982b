package org.polyhead.data;

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
import org.polyhead.UserError;

class JsonlFormatsTest {
    @TempDir
    Path dir;

    private Path file(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    /**
     * The error for a file whose third line is {@code bad} (two good lines first), asserting it names file:3 (and the
     * column, for JSON that does not parse).
     */
    private String errorOnLine3(DatasetRegistry.Kind kind, String good, String bad) throws IOException {
        Path f = file("bad.jsonl", good, good, bad);
        UserError e = assertThrows(UserError.class, () -> DatasetRegistry.load(f.toString(), dir));
        assertEquals(kind, DatasetRegistry.kindOf(f.toString(), dir));
        assertTrue(e.getMessage().matches(java.util.regex.Pattern.quote(f + ":3") + "(:\\d+)?: .*"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void userGroupedFileLoadsWithAllValueKinds() throws IOException {
        Path f = file("mine.jsonl",
                "{\"text\": \"a speech\", \"labels\": {\"party\": \"Republican\", \"year\": 1923}}",
                "",
                "{\"text\": \"another\", \"labels\": {\"party\": \"Whig\", \"year\": 1841.5, \"topics\": [\"war\", \"tax\"]}, \"unit\": \"s1\"}");
        Dataset<GroupRecord> d = DatasetRegistry.grouped(f.toString(), dir);
        assertEquals(2, d.records().size());
        assertEquals(Map.of("party", "Republican", "year", 1923.0), d.records().get(0).labels());
        assertEquals(List.of("war", "tax"), d.records().get(1).labels().get("topics"));
        assertEquals(3, d.records().get(1).line());
        assertEquals("s1", d.records().get(1).unit());
        assertEquals("line1", d.records().get(0).unit());
    }

    @Test
    void groupedBadLinesNameTheirLine() throws IOException {
        String good = "{\"text\": \"t\", \"labels\": {\"g\": \"a\"}}";
        assertTrue(errorOnLine3(DatasetRegistry.Kind.GROUPED, good, "{\"text\": \"t\", \"labels\": ").contains("not valid JSON"));
        assertTrue(errorOnLine3(DatasetRegistry.Kind.GROUPED, good, "{\"labels\": {\"g\": \"a\"}}").contains("\"text\""));
        assertTrue(errorOnLine3(DatasetRegistry.Kind.GROUPED, good, "{\"text\": \"  \", \"labels\": {\"g\": \"a\"}}").contains("\"text\""));
        assertTrue(errorOnLine3(DatasetRegistry.Kind.GROUPED, good, "{\"text\": \"t\"}").contains("\"labels\""));
        assertTrue(errorOnLine3(DatasetRegistry.Kind.GROUPED, good, "{\"text\": \"t\", \"labels\": {\"g\": true}}").contains("labels.g"));
        assertTrue(errorOnLine3(DatasetRegistry.Kind.GROUPED, good, "{\"text\": \"t\", \"labels\": {\"g\": [1]}}").contains("multi-label"));
        assertTrue(errorOnLine3(DatasetRegistry.Kind.GROUPED, good, "[1, 2]").contains("JSON object"));
    }

    @Test
    void userHierarchyFileLoadsAndMustFormATree() throws IOException {
        Path f = file("tree.jsonl",
                "{\"text\": \"a cat\", \"path\": [\"animal\", \"mammal\", \"cat\"]}",
                "{\"text\": \"a trout\", \"path\": [\"animal\", \"fish\", \"trout\"]}");
        Dataset<PathRecord> d = DatasetRegistry.hierarchy(f.toString(), dir);
        assertEquals(List.of("animal", "fish", "trout"), d.records().get(1).path());
        assertEquals("trout", d.records().get(1).leaf());

        String good = "{\"text\": \"a cat\", \"path\": [\"animal\", \"mammal\", \"cat\"]}";
        assertTrue(errorOnLine3(DatasetRegistry.Kind.HIERARCHY, good, "{\"text\": \"x\", \"path\": []}").contains("\"path\""));
        assertTrue(errorOnLine3(DatasetRegistry.Kind.HIERARCHY, good, "{\"text\": \"x\", \"path\": [\"animal\", \"\", \"cat\"]}")
                .contains("level 2"));
        assertTrue(errorOnLine3(DatasetRegistry.Kind.HIERARCHY, good, "{\"text\": \"x\", \"path\": [\"animal\", \"mammal\"]}")
                .contains("2 levels but line 1 has 3"));
        assertTrue(errorOnLine3(DatasetRegistry.Kind.HIERARCHY, good, "{\"text\": \"x\", \"path\": [\"plant\", \"mammal\", \"cat\"]}")
                .contains("'mammal' (level 2) is under 'plant' here but under 'animal' at line 1"));
    }

    @Test
    void userTargetFileAcceptsSpansAndWordIndices() throws IOException {
        Path f = file("t.jsonl",
                "{\"text\": \"they run fast\", \"span\": [5, 8], \"label\": 1}",
                "{\"text\": \"a long run\", \"word_index\": 2, \"label\": 0}");
        Dataset<SpanRecord> d = DatasetRegistry.target(f.toString(), dir);
        assertEquals("run", d.records().get(0).target());
        assertEquals(new SpanRecord(2, "a long run", 7, 10, 0), d.records().get(1));
    }

    @Test
    void targetBadLinesNameTheirLine() throws IOException {
        String good = "{\"text\": \"they run\", \"span\": [5, 8], \"label\": 1}";
        assertTrue(errorOnLine3(DatasetRegistry.Kind.TARGET, good, "{\"text\": \"they run\", \"span\": [5, 8], \"label\": 2}")
                .contains("0 or 1"));
        assertTrue(errorOnLine3(DatasetRegistry.Kind.TARGET, good, "{\"text\": \"they run\", \"span\": [5, 8]}")
                .contains("\"label\" is missing"));
        assertTrue(errorOnLine3(DatasetRegistry.Kind.TARGET, good, "{\"text\": \"they run\", \"span\": [5, 9], \"label\": 1}")
                .contains("outside the text"));
        assertTrue(errorOnLine3(DatasetRegistry.Kind.TARGET, good, "{\"text\": \"they run\", \"span\": [3, 3], \"label\": 1}")
                .contains("outside the text"));
        assertTrue(errorOnLine3(DatasetRegistry.Kind.TARGET, good, "{\"text\": \"they run\", \"span\": [\"5\", 8], \"label\": 1}")
                .contains("\"span[0]\" must be an integer"));
        assertTrue(errorOnLine3(DatasetRegistry.Kind.TARGET, good, "{\"text\": \"they run\", \"span\": [5, 8], \"label\": 0.5}")
                .contains("\"label\" must be an integer"));
        assertTrue(errorOnLine3(DatasetRegistry.Kind.TARGET, good, "{\"text\": \"they run\", \"word_index\": 2, \"label\": 1}")
                .contains("outside the text (2 words)"));
        assertTrue(errorOnLine3(DatasetRegistry.Kind.TARGET, good, "{\"text\": \"they run\", \"label\": 1}")
                .contains("\"word_index\""));
        assertTrue(errorOnLine3(DatasetRegistry.Kind.TARGET, good, "{\"text\": \"\", \"span\": [0, 1], \"label\": 1}")
                .contains("\"text\""));
    }

    @Test
    void kindIsDetectedFromTheFirstRecordAndNamesAreChecked() throws IOException {
        assertEquals(DatasetRegistry.Kind.TARGET, DatasetRegistry.kindOf(
                file("k.jsonl", "", "{\"text\": \"x y\", \"word_index\": 1, \"label\": 1}").toString(), dir));
        assertEquals(DatasetRegistry.Kind.HIERARCHY, DatasetRegistry.kindOf("wordnet-hierarchy", dir));
        assertThrows(UserError.class, () -> DatasetRegistry.kindOf(file("u.jsonl", "{\"text\": \"x\"}").toString(), dir));
        UserError e = assertThrows(UserError.class, () -> DatasetRegistry.hierarchy("sotu", dir));
        assertTrue(e.getMessage().contains("unknown hierarchy dataset 'sotu'") && e.getMessage().contains("wordnet-hierarchy"),
                e.getMessage());
        assertThrows(UserError.class, () -> DatasetRegistry.grouped(dir.resolve("missing.jsonl").toString(), dir));
        assertThrows(UserError.class, () -> DatasetRegistry.grouped(file("empty.jsonl", "", " ").toString(), dir));
    }

    @Test
    void hashDependsOnContentNotLayout() throws IOException {
        Path a = file("a.jsonl", "{\"text\": \"t\", \"labels\": {\"g\": \"a\", \"h\": 1}}");
        Path b = file("b.jsonl", "{ \"labels\": {\"h\": 1.0, \"g\": \"a\"},  \"text\": \"t\" }");
        Path c = file("c.jsonl", "{\"text\": \"t\", \"labels\": {\"g\": \"b\", \"h\": 1}}");
        String ha = DatasetRegistry.grouped(a.toString(), dir).sha256();
        assertEquals(ha, DatasetRegistry.grouped(b.toString(), dir).sha256());
        assertTrue(!ha.equals(DatasetRegistry.grouped(c.toString(), dir).sha256()));
    }
}
