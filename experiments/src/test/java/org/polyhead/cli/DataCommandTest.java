package org.polyhead.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void listNamesEveryBuiltInDatasetWithItsTaskType() {
        assertEquals(0, run("data", "list"));
        assertTrue(out.toString().contains("sotu") && out.toString().contains("grouped"), out.toString());
        assertTrue(out.toString().matches("(?s).*wordnet-hierarchy\\s+hierarchy.*"), out.toString());
        assertTrue(out.toString().matches("(?s).*wordnet-verb-target\\s+target.*"), out.toString());
    }

    @Test
    void showPrintsCountsOfAUsersFile(@TempDir Path dir) throws IOException {
        Path f = Files.write(dir.resolve("mine.jsonl"), List.of(
                "{\"text\": \"they run fast\", \"span\": [5, 8], \"label\": 1}",
                "{\"text\": \"a long run\", \"word_index\": 2, \"label\": 0}",
                "{\"text\": \"run\", \"word_index\": 0, \"label\": 0}"));
        assertEquals(0, run("data", "show", f.toString()));
        String s = out.toString();
        assertTrue(s.contains("records  3\n") && s.contains("label: 2 classes\n        2  0\n        1  1\n"), s);
        assertTrue(s.contains("words    min 1, median 3, p90 3, max 3"), s);
    }

    @Test
    void aMalformedLineIsOneMessageWithItsLineNumber(@TempDir Path dir) throws IOException {
        Path f = Files.write(dir.resolve("bad.jsonl"), List.of(
                "{\"text\": \"a\", \"path\": [\"x\", \"y\"]}", "{\"text\": \"b\", \"path\": [\"x\", 3]}"));
        assertEquals(2, run("data", "show", f.toString()));
        assertEquals("polyhead: " + f + ":2: \"path\" level 2 must be a non-empty label, got 3", err.toString().trim());
        assertEquals(2, run("data", "show", "no-such-set"));
        assertTrue(err.toString().contains("unknown dataset 'no-such-set'"), err.toString());
    }
}
