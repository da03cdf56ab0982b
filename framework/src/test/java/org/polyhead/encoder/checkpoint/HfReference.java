package org.polyhead.encoder.checkpoint;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the repository's Python reference scripts from the project's .venv (transformers, torch, safetensors). */
final class HfReference {
    /** Python's json writes inf as Infinity. */
    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private HfReference() {}

    static Path python() {
        Path py = PretrainedModels.home().resolve(".venv/bin/python");
        if (!Files.isExecutable(py)) {
            throw new IllegalStateException(py + " missing: run ./polyhead --help once to install the venv");
        }
        return py;
    }

    static Path script(String name) {
        return PretrainedModels.home().resolve("python").resolve(name);
    }

    /** reference_encode.py's JSONL rows for {@code texts}. */
    static List<JsonNode> encode(Path model, Path texts, int maxLength, boolean tokensOnly, Path work) throws Exception {
        return encode(model, texts, maxLength, tokensOnly, work, "float32");
    }

    static List<JsonNode> encode(Path model, Path texts, int maxLength, boolean tokensOnly, Path work, String dtype)
            throws Exception {
        Path out = work.resolve("reference-" + dtype + ".jsonl");
        List<String> cmd = new ArrayList<>(List.of(python().toString(), script("reference_encode.py").toString(),
                "--model", model.toString(), "--input", texts.toString(), "--output", out.toString(),
                "--max-length", Integer.toString(maxLength), "--batch-size", "8", "--dtype", dtype));
        if (tokensOnly) {
            cmd.add("--tokens-only");
        }
        run(cmd);
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    /** Runs a command, returning its stdout; fails with its stderr on a non-zero exit. */
    static String run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HF_HUB_OFFLINE", "1");
        pb.environment().put("OMP_NUM_THREADS", "1");
        Path err = Files.createTempFile("polyhead-ref", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        byte[] stdout = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        String stderr = Files.readString(err);
        Files.deleteIfExists(err);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("failed (" + p.exitValue() + "): " + cmd + "\n" + stderr);
        }
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
