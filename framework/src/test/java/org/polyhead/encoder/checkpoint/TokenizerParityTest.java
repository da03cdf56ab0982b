package org.polyhead.encoder.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.polyhead.UserError;
import org.polyhead.encoder.tokenizer.TokenBatch;
import org.polyhead.encoder.tokenizer.Tokenizer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizerParityTest {
    static final int MAX = 32;
    static final int BATCH = 8;
    static Path model;
    static Path texts;
    static List<String> lines;
    static List<JsonNode> reference;

    @BeforeAll
    static void reference(@TempDir Path work) throws Exception {
        model = PretrainedModels.miniLm();
        texts = Path.of(TokenizerParityTest.class.getResource("/encoder/parity-texts.txt").toURI());
        lines = Files.readAllLines(texts, StandardCharsets.UTF_8);
        reference = HfReference.encode(model, texts, MAX, true, work);
        assertEquals(lines.size(), reference.size());
    }

    @Test
    void tokenIdsMatchTransformersIncludingTruncationAndPadding() {
        try (Tokenizer tok = Tokenizer.load(model, MAX)) {
            assertSameAsReference(tok);
        }
    }

    @Test
    void vocabTxtAloneGivesTheSameIds(@TempDir Path dir) throws Exception {
        Files.copy(model.resolve("vocab.txt"), dir.resolve("vocab.txt"));
        Files.copy(model.resolve("tokenizer_config.json"), dir.resolve("tokenizer_config.json"));
        try (Tokenizer tok = Tokenizer.load(dir, MAX)) {
            assertEquals(dir.resolve("vocab.txt"), tok.source());
            assertSameAsReference(tok);
        }
    }

    @Test
    void truncatesLongTextsToMaxLengthEndingWithSep() {
        String longText = lines.stream().max((a, b) -> a.length() - b.length()).orElseThrow();
        try (Tokenizer tok = Tokenizer.load(model, MAX)) {
            TokenBatch b = tok.encode(List.of(longText, "ok"));
            assertEquals(MAX, b.seqLength());
            assertEquals(MAX, b.length(0));
            assertEquals(102, b.inputIds()[0][MAX - 1]);
            assertEquals(3, b.length(1));
            assertEquals(0, b.inputIds()[1][3]);
        }
    }

    @Test
    void idChangesWithMaxLengthAndVocabSizeIsChecked() {
        try (Tokenizer a = Tokenizer.load(model, MAX); Tokenizer b = Tokenizer.load(model, 64)) {
            assertNotEquals(a.id(), b.id());
            assertEquals(a.id(), Tokenizer.load(model, MAX).id());
            assertEquals(30522, a.vocabSize());
            a.checkFits(30522, model.resolve("config.json"));
            UserError e = assertThrows(UserError.class, () -> a.checkFits(1000, model.resolve("config.json")));
            assertTrue(e.getMessage().contains("tokenizer.json") && e.getMessage().contains("vocab_size is 1000"),
                    e.getMessage());
        }
    }

    @Test
    void folderWithoutTokenizerIsAClearError(@TempDir Path dir) {
        UserError e = assertThrows(UserError.class, () -> Tokenizer.load(dir, MAX));
        assertTrue(e.getMessage().contains("tokenizer.json or vocab.txt"), e.getMessage());
    }

    private static void assertSameAsReference(Tokenizer tok) {
        for (int start = 0; start < lines.size(); start += BATCH) {
            List<String> batch = lines.subList(start, Math.min(lines.size(), start + BATCH));
            TokenBatch b = tok.encode(batch);
            for (int i = 0; i < batch.size(); i++) {
                JsonNode ref = reference.get(start + i);
                String what = "line " + (start + i + 1) + " '" + batch.get(i) + "'";
                assertArrayEquals(ints(ref.get("input_ids")), b.inputIds()[i], what);
                assertArrayEquals(ints(ref.get("attention_mask")), b.attentionMask()[i], what);
                assertArrayEquals(ints(ref.get("token_type_ids")), b.tokenTypeIds()[i], what);
            }
        }
    }

    static int[] ints(JsonNode arr) {
        int[] out = new int[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(i).asInt();
        }
        return out;
    }
}
