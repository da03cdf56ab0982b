package org.polyhead.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.polyhead.UserError;

/**
 * The fine-tuning keys ({@code training.head_lr}, {@code encoder.freeze_layers}, {@code encoder.cache_frozen}): their
 * defaults leave a spec as it was, and a bad value is one line naming the key, the allowed range and the value.
 */
class FineTuneSpecTest {
    private static final String BASE = """
            name: t
            data: {name: sotu}
            groups: [{name: party}, {name: era}]
            training: {lr: 0.002}
            """;

    private static SpecLoader.Resolved load(Path dir, String... sets) throws IOException {
        return SpecLoader.load(Files.writeString(dir.resolve("spec.yaml"), BASE), List.of(sets));
    }

    private static String error(Path dir, String... sets) {
        UserError e = assertThrows(UserError.class, () -> load(dir, sets));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void defaultsKeepOneLearningRateAndNothingFrozen(@TempDir Path tmp) throws IOException {
        SpecLoader.Resolved r = load(tmp);
        assertEquals(0.002, r.spec().training().headLr());
        assertEquals(0, r.spec().encoder().freezeLayers());
        assertFalse(r.spec().encoder().cacheFrozen());
        assertFalse(r.params().containsKey("training.head_lr"), "params and config hash hold only what was written");
        assertEquals(1.0e-3, load(tmp, "training.head_lr=1.0e-3").spec().training().headLr());
    }

    @Test
    void freezingMoreLayersThanTheEncoderHasNamesTheKeyAndTheRange(@TempDir Path tmp) {
        String m = error(tmp, "encoder.layers=2", "encoder.freeze_layers=3");
        assertTrue(m.contains("encoder.freeze_layers: must be in [0, 2] for encoder.layers = 2, got 3"), m);
        assertTrue(m.contains("spec.yaml"), m);
        m = error(tmp, "encoder.freeze_layers=-1");
        assertTrue(m.contains("encoder.freeze_layers: must be in [0, 2]"), m);
    }

    @Test
    void aPretrainedCheckpointBoundsFreezeLayersByItsOwnDepth(@TempDir Path tmp) throws IOException {
        String m = error(tmp, "encoder.checkpoint=all-MiniLM-L6-v2", "encoder.freeze_layers=9");
        assertTrue(m.contains("encoder.freeze_layers: must be in [0, 6] for this checkpoint, got 9"), m);
        SpecLoader.Resolved ok = load(tmp, "encoder.checkpoint=all-MiniLM-L6-v2", "encoder.freeze_layers=6",
                "encoder.cache_frozen=true");
        assertEquals(6, ok.spec().encoder().freezeLayers());
        assertTrue(ok.spec().encoder().cacheFrozen());
    }

    @Test
    void cachingWithNothingFrozenAndANonPositiveHeadRateAreRefused(@TempDir Path tmp) {
        String m = error(tmp, "encoder.cache_frozen=true");
        assertTrue(m.contains("encoder.cache_frozen: needs encoder.freeze_layers > 0"), m);
        m = error(tmp, "training.head_lr=0");
        assertTrue(m.contains("training.head_lr: must be > 0, got 0.0"), m);
        m = error(tmp, "training.weight_decay=-0.01");
        assertTrue(m.contains("training.weight_decay: must be >= 0, got -0.01"), m);
    }
}
