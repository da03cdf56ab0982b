package org.polyhead.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench code path end to end on a tiny shape (no timing asserted): both sides run and both land in the report. */
class BenchCommandTest {
    @Test
    void tinyBenchWritesBothSidesAndTheirRatios(@TempDir Path dir) throws Exception {
        int rc = Main.commandLine().execute("bench", "--sizes", "tiny", "--batch", "2", "--seq", "8", "--reps", "1",
                "--out", dir.toString());
        assertEquals(0, rc);
        JsonNode root = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals(1, root.get("results").size());
        JsonNode e = root.get("results").get(0);
        assertEquals("tiny", e.get("shape").get("name").asText());
        for (String side : new String[] {"polyhead", "pytorch"}) {
            JsonNode x = e.get(side);
            assertEquals(side, x.get("side").asText());
            for (String key : new String[] {"train_step_ms", "inference_seq_per_s", "peak_rss_mb"}) {
                assertTrue(x.get(key).asDouble() > 0, side + " " + key + ": " + x.get(key));
            }
        }
        assertTrue(e.get("ratio").get("train_step_time").asDouble() > 0);
        assertTrue(Files.readString(dir.resolve("README.md")).contains("polyhead / pytorch"));
    }
}
