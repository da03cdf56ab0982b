package org.polyhead.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.polyhead.data.SpanRecord;
import org.polyhead.encoder.checkpoint.PretrainedModels;

/** Long inputs: the window of max-length tokens is centred on the target, so the target is never cut off. */
class TargetWindowTest {

    @Test
    void aShortSequenceIsKeptWhole() {
        assertEquals(new TargetWindow(0, 10), TargetWindow.centred(10, 8, 9, 14));
    }

    @Test
    void aLongSequenceIsCentredOnTheTargetAndClampedAtEitherEnd() {
        assertEquals(new TargetWindow(45, 10), TargetWindow.centred(100, 50, 51, 10), "centred: 5 before, 4 after");
        assertEquals(new TargetWindow(0, 10), TargetWindow.centred(100, 2, 3, 10), "near the start");
        assertEquals(new TargetWindow(90, 10), TargetWindow.centred(100, 98, 100, 10), "near the end");
        assertEquals(new TargetWindow(46, 10), TargetWindow.centred(100, 48, 54, 10), "a multi-token target, centred");
        assertThrows(IllegalArgumentException.class, () -> TargetWindow.centred(100, 40, 52, 10));
    }

    /** A target at the end of a 60-word text with max length 16: plain truncation would drop it. */
    @Test
    void theTokenizerKeepsATargetNearTheEndOfALongText() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            text.append("word ");
        }
        int start = text.length();
        text.append("elephant is here");
        SpanRecord r = new SpanRecord(1, text.toString(), start, start + "elephant".length(), 1);
        try (InputStream json = Files.newInputStream(PretrainedModels.miniLm().resolve("tokenizer.json"));
             TargetTokenizer tokenizer = TargetTokenizer.of(json, 16)) {
            TargetTokens t = tokenizer.encode(r, "test");
            assertEquals(16, t.ids().length);
            assertEquals(101, t.ids()[0], "[CLS] kept");
            assertEquals(102, t.ids()[15], "[SEP] kept");
            // 63 content tokens (60 × word, elephant, is, here), window of 14 clamped to the end: tokens 49..62
            assertEquals(14 - 3 + 1, t.from(), "elephant is 4th from the end of the window");
            assertEquals(t.from() + 1, t.to());
            assertEquals(10777, t.ids()[t.from()], "the id of 'elephant'");
        }
    }
}
