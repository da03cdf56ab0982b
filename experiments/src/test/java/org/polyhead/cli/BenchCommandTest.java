package org.polyhead.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.bench.BenchShape;
import org.polyhead.bench.BenchSides;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench code path end to end on a tiny shape (no timing asserted): both sides run and both land in the report. */
class BenchCommandTest {
    @Test
    void tinyBenchWritesBothSidesAndTheirRatios(@TempDir Path dir) throws Exception {
        int rc = Main.commandLine().execute("bench", "--sizes", "tiny", "--batch", "2", "--seq", "8", "--reps", "2",
                "--warmup", "1", "--rounds", "2", "--out", dir.toString());
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
            assertEquals(2, x.get("rounds").asInt(), side);
            assertEquals(4, x.get("train_step_samples_ms").size(), side + ": 2 reps in each of 2 rounds");
            assertEquals(4, x.get("inference_cpu_samples_ms").size(), side);
        }
        assertTrue(e.get("ratio").get("train_step_time").asDouble() > 0);
        assertTrue(Files.readString(dir.resolve("README.md")).contains("polyhead / pytorch"));
    }

    /**
     * The fine-tuning trial end to end on a small cut of its spec (no timing asserted): polyhead's side trains the
     * pretrained MiniLM as a trial does, PyTorch's reads the split file polyhead's data was written to, and both digest
     * the same rows (a different batch order, padding or label on either side would change one digest).
     */
    @Test
    void trialRunsBothSidesOnTheSameRows(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("trial.yaml");
        Files.writeString(spec, Files.readString(Path.of(System.getenv().getOrDefault("POLYHEAD_HOME", ".."))
                .resolve("experiments/bench/trial.yaml")).replace("max_records: 2000", "max_records: 240"));
        int rc = Main.commandLine().execute("bench", "--trial", "--trial-spec", spec.toString(), "--warmup", "1",
                "--trial-steps", "2", "--rounds", "1", "--out", dir.toString());
        assertEquals(0, rc);
        JsonNode root = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals(0, root.get("results").size(), "--trial runs no fixed shape");
        assertEquals(0, root.get("failures").size(), root.get("failures").toString());
        JsonNode e = root.get("trials").get(0);
        assertTrue(e.get("same_data").asBoolean(), e.get("polyhead").get("data_sha256") + " vs "
                + e.get("pytorch").get("data_sha256"));
        for (String side : new String[] {"polyhead", "pytorch"}) {
            JsonNode x = e.get(side);
            assertEquals(side, x.get("side").asText());
            assertEquals(240, x.get("train_rows").asInt() + x.get("validation_rows").asInt(), side);
            assertEquals(e.get("polyhead").get("validation_rows"), x.get("validation_rows"), side);
            assertEquals(2, x.get("train_step_samples_ms").size(), side);
            assertEquals(2, x.get("validation_cpu_samples_ms").size(), side);
            assertEquals(4, x.get("rss_mb").size(), side);
            for (String key : new String[] {"train_step_cpu_ms", "validation_seq_per_s", "peak_rss_mb"}) {
                assertTrue(x.get(key).asDouble() > 0, side + " " + key + ": " + x.get(key));
            }
        }
        assertTrue(e.get("ratio").get("peak_memory").asDouble() > 0);
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("## A fine-tuning trial") && readme.contains("Both sides read the same rows: **yes**"),
                readme);
        boolean missed = false;
        for (JsonNode met : e.get("target_met")) {
            missed |= !met.asBoolean();
        }
        assertEquals(missed, readme.contains("Targets missed: "), "a missed target points to the measured reasons");
    }

    /** A side that dies (here the polyhead side, stopped by its memory guard) is reported; the other still runs. */
    @Test
    void aSideThatDiesIsRecordedAndTheOtherSideStillRuns(@TempDir Path dir) throws Exception {
        System.setProperty("polyhead.bench.maxRssMb", "1");
        int rc;
        try {
            rc = Main.commandLine().execute("bench", "--sizes", "tiny", "--batch", "2", "--seq", "8", "--reps", "1",
                    "--warmup", "1", "--rounds", "1", "--out", dir.toString());
        } finally {
            System.clearProperty("polyhead.bench.maxRssMb");
        }
        assertEquals(0, rc);
        JsonNode root = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals(0, root.get("results").size());
        JsonNode f = root.get("failures").get(0);
        assertTrue(f.get("errors").get("polyhead").asText().contains("exit 3"), f.toString());
        assertFalse(f.get("errors").has("pytorch"), f.toString());
        assertTrue(f.get("pytorch").get("train_step_ms").asDouble() > 0, f.toString());
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("the polyhead side did not complete") && readme.contains("pytorch alone"), readme);
    }

    /** A bad --warmup or --rounds is one line naming the options, exit 2, before anything runs. */
    @Test
    void badWarmupOrRoundsIsAClearError(@TempDir Path dir) {
        for (String[] bad : new String[][] {{"--rounds", "0"}, {"--warmup", "-1"}}) {
            java.io.StringWriter err = new java.io.StringWriter();
            picocli.CommandLine cl = Main.commandLine();
            cl.setErr(new java.io.PrintWriter(err));
            int rc = cl.execute("bench", "--sizes", "tiny", bad[0], bad[1], "--out", dir.toString());
            assertEquals(2, rc, String.join(" ", bad));
            assertTrue(err.toString().contains("--warmup >= 0, --rounds >= 1"), err.toString());
            assertFalse(Files.exists(dir.resolve("results.json")));
        }
    }

    /** The PyTorch side runs on the device of polyhead's build: the GPU under -Pcuda, else the CPU. */
    @Test
    void pytorchRunsOnTheDeviceOfPolyheadsBackend() {
        boolean cuda = Nd4j.getBackend().getClass().getSimpleName().startsWith("JCublas");
        assertEquals(cuda ? "cuda" : "cpu", BenchSides.device());
        BenchShape tiny = BenchShape.tiny(2, 8, 1, 1);
        List<String> gpu = new BenchSides(Path.of("python"), Path.of("bench_torch.py"), 1, "cuda").pytorchCommand(tiny);
        assertEquals(List.of("--device", "cuda"), gpu.subList(gpu.size() - 2, gpu.size()));
        List<String> cpu = new BenchSides(Path.of("python"), Path.of("bench_torch.py"), 1, "cpu").pytorchCommand(tiny);
        assertEquals(List.of("--device", "cpu"), cpu.subList(cpu.size() - 2, cpu.size()));
    }
}
