package org.polyhead.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.encoder.checkpoint.PretrainedEncoder;
import org.polyhead.encoder.checkpoint.PretrainedModels;
import org.polyhead.encoder.tokenizer.TokenBatch;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncodeCommandTest {
    static final List<String> TEXTS = List.of("A short one.", "", "A somewhat longer line, with punctuation — and accents: café.",
            "word ".repeat(40).trim());

    @Test
    void writesOneLinePerInputWithRealTokensOnly(@TempDir Path dir) throws Exception {
        Path in = Files.write(dir.resolve("texts.txt"), TEXTS, StandardCharsets.UTF_8);
        Path out = dir.resolve("out.jsonl");
        Path model = PretrainedModels.miniLm();
        int rc = Main.commandLine().execute("encode", "--model", model.toString(), "--input", in.toString(),
                "--output", out.toString(), "--max-length", "16", "--batch-size", "3");
        assertEquals(0, rc);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(TEXTS.size(), lines.size());
        ObjectMapper json = new ObjectMapper();
        try (PretrainedEncoder enc = PretrainedEncoder.load(model, 16)) {
            TokenBatch b = enc.tokenizer().encode(TEXTS); // one batch, unlike the command's batches of 3
            INDArray h = enc.lastHiddenState(b);
            for (int i = 0; i < TEXTS.size(); i++) {
                JsonNode row = json.readTree(lines.get(i));
                assertEquals(b.length(i), row.get("input_ids").size(), "line " + (i + 1));
                assertEquals(b.length(i), row.get("last_hidden_state").size());
                assertEquals(384, row.get("last_hidden_state").get(0).size());
                for (int t = 0; t < b.length(i); t++) {
                    assertEquals(b.inputIds()[i][t], row.get("input_ids").get(t).asInt());
                    for (int k = 0; k < 384; k += 37) {
                        assertEquals(h.getDouble(i, t, k), row.get("last_hidden_state").get(t).get(k).asDouble(), 1e-5);
                    }
                }
            }
        }
        assertEquals(2, json.readTree(lines.get(1)).get("input_ids").size(), "empty line is [CLS] [SEP]");
        assertEquals(16, json.readTree(lines.get(3)).get("input_ids").size(), "truncated to --max-length");
    }

    @Test
    void badModelFolderIsOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path in = Files.write(dir.resolve("texts.txt"), List.of("x"));
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"gpt2\"}");
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute("encode", "--model", dir.toString(), "--input", in.toString(), "--output",
                dir.resolve("o.jsonl").toString());
        assertEquals(2, rc);
        assertTrue(err.toString().startsWith("polyhead: " + dir.resolve("config.json") + ": model_type 'gpt2'"),
                err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }
}
