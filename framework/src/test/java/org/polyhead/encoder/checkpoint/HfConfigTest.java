package org.polyhead.encoder.checkpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.polyhead.UserError;
import org.polyhead.encoder.EncoderConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HfConfigTest {

    @Test
    void miniLmConfigGivesItsEncoderShapes() {
        HfConfig c = HfConfig.read(PretrainedModels.miniLm());
        EncoderConfig e = CheckpointLoader.encoderConfig(c);
        assertEquals(new EncoderConfig(30522, 384, 6, 12, 1536, 512, 2, 1e-12, 0.1), e);
    }

    @Test
    void nonBertArchitectureNamesFileAndKey(@TempDir Path dir) throws Exception {
        assertRejected(dir, c -> c.put("model_type", "gpt2"), "model_type 'gpt2' is not supported");
        assertRejected(dir, c -> c.put("model_type", "roberta"), "model_type 'roberta' is not supported");
        assertRejected(dir, c -> c.put("hidden_act", "relu"), "hidden_act 'relu' is not supported");
        assertRejected(dir, c -> c.put("position_embedding_type", "relative_key"),
                "position_embedding_type 'relative_key' is not supported");
        assertRejected(dir, c -> c.put("is_decoder", true), "is_decoder");
    }

    @Test
    void missingOrWrongKeysNameFileAndKey(@TempDir Path dir) throws Exception {
        assertRejected(dir, c -> c.remove("num_hidden_layers"), "missing key 'num_hidden_layers'");
        assertRejected(dir, c -> c.remove("model_type"), "missing key 'model_type'");
        assertRejected(dir, c -> c.put("hidden_size", "384"), "key 'hidden_size' must be a positive integer");
        assertRejected(dir, c -> c.put("num_attention_heads", 7), "not a multiple of num_attention_heads 7");
        assertRejected(dir, c -> c.put("hidden_dropout_prob", 1.0), "key 'hidden_dropout_prob' must be in [0, 1)");
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": ");
        UserError e = assertThrows(UserError.class, () -> HfConfig.read(dir));
        assertTrue(e.getMessage().contains("config.json: not valid JSON"), e.getMessage());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        e = assertThrows(UserError.class, () -> HfConfig.read(empty));
        assertTrue(e.getMessage().contains("config.json: missing"), e.getMessage());
    }

    private static void assertRejected(Path dir, Consumer<ObjectNode> edit, String expected) throws Exception {
        ObjectNode c = (ObjectNode) HfReference.JSON.readTree(PretrainedModels.miniLm().resolve("config.json").toFile());
        edit.accept(c);
        Path file = dir.resolve("config.json");
        Files.writeString(file, c.toString());
        UserError e = assertThrows(UserError.class, () -> HfConfig.read(dir));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(expected), e.getMessage());
    }
}
