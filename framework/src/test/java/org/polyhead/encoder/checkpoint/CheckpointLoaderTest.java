package org.polyhead.encoder.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.UserError;
import org.polyhead.encoder.BertEncoder;
import org.polyhead.encoder.EmbeddingTables;
import org.polyhead.encoder.EncoderConfig;
import org.polyhead.encoder.WeightInit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Name, layout and shape rules of checkpoint loading, on a tiny encoder whose weights a seed determines. */
class CheckpointLoaderTest {
    static final EncoderConfig TINY = new EncoderConfig(40, 8, 2, 2, 12, 16, 2, 1e-12, 0.1);
    static final Path FILE = Path.of("model.safetensors");

    /** A graph + tables pair drawn from {@code seed}. */
    record Encoder(SameDiff sd, EmbeddingTables tables) {
        static Encoder of(long seed) {
            WeightInit init = new WeightInit(seed);
            SameDiff sd = SameDiff.create();
            BertEncoder.build(sd, TINY, BertEncoder.inputs(sd, TINY, init), init);
            return new Encoder(sd, new EmbeddingTables(TINY, init));
        }

        /** Weights as a HuggingFace BertModel checkpoint holds them: Linear weights [out, in]. */
        Map<String, INDArray> hfWeights() {
            Map<String, INDArray> w = new LinkedHashMap<>(tables.tables());
            for (String name : CheckpointLoader.encoderVariables(sd)) {
                INDArray a = sd.getVariable(name).getArr();
                w.put(name, a.rank() == 2 ? a.transpose().dup() : a.dup());
            }
            return w;
        }
    }

    @Test
    void loadsEveryWeightTransposingLinearOnesAndReportsUnused() {
        Encoder source = Encoder.of(1);
        Map<String, INDArray> w = new LinkedHashMap<>();
        source.hfWeights().forEach((k, v) -> w.put("bert." + k, v)); // BertForSequenceClassification layout
        w.put("bert.embeddings.position_ids", Nd4j.arange(16).reshape(1, 16));
        w.put("classifier.weight", Nd4j.ones(3, 8));
        w.put("bert.pooler.dense.weight", Nd4j.ones(8, 8));
        Encoder target = Encoder.of(2);
        List<String> unused = CheckpointLoader.load(FILE, w, target.sd(), target.tables());
        assertEquals(List.of("bert.embeddings.position_ids", "classifier.weight", "bert.pooler.dense.weight"), unused);
        for (String name : CheckpointLoader.encoderVariables(source.sd())) {
            assertEquals(source.sd().getVariable(name).getArr(), target.sd().getVariable(name).getArr(), name);
        }
        source.tables().tables().forEach((k, v) -> assertEquals(v, target.tables().tables().get(k), k));
        INDArray ffIn = target.sd().getVariable("encoder.layer.1.intermediate.dense.weight").getArr();
        assertEquals(List.of(8L, 12L), List.of(ffIn.shape()[0], ffIn.shape()[1]));
    }

    @Test
    void missingTensorIsNamed() {
        assertRejected(w -> w.remove("encoder.layer.1.attention.self.value.bias"),
                "missing tensor encoder.layer.1.attention.self.value.bias");
        assertRejected(w -> w.remove(EmbeddingTables.WORD), "missing tensor " + EmbeddingTables.WORD);
    }

    @Test
    void unexpectedTensorIsNamed() {
        assertRejected(w -> w.put("encoder.layer.2.output.dense.bias", Nd4j.zeros(8)),
                "unexpected tensor 'encoder.layer.2.output.dense.bias'");
        assertRejected(w -> w.put("embeddings.embedding_projection.weight", Nd4j.zeros(8, 8)),
                "unexpected tensor 'embeddings.embedding_projection.weight'");
    }

    @Test
    void wrongShapeIsNamedWithBothShapes() {
        assertRejected(w -> w.put("encoder.layer.0.intermediate.dense.weight", Nd4j.zeros(8, 12)),
                "tensor 'encoder.layer.0.intermediate.dense.weight' has shape [8, 12], the encoder expects [12, 8]");
        assertRejected(w -> w.put(EmbeddingTables.POSITION, Nd4j.zeros(512, 8)),
                "tensor '" + EmbeddingTables.POSITION + "' has shape [512, 8], the encoder expects [16, 8]");
    }

    @Test
    void folderWithoutSafetensorsSaysWhatToDo(@TempDir Path dir) throws Exception {
        Encoder e = Encoder.of(3);
        UserError none = assertThrows(UserError.class, () -> CheckpointLoader.load(dir, e.sd(), e.tables()));
        assertTrue(none.getMessage().contains("no weights (expected model.safetensors"), none.getMessage());
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {80, 75});
        UserError bin = assertThrows(UserError.class, () -> CheckpointLoader.load(dir, e.sd(), e.tables()));
        assertTrue(bin.getMessage().contains("pytorch_model.bin") && bin.getMessage().contains("save_pretrained"),
                bin.getMessage());
    }

    @Test
    void shardedCheckpointsLoadThroughTheirIndex(@TempDir Path dir) throws Exception {
        Encoder source = Encoder.of(4);
        Map<String, INDArray> all = source.hfWeights();
        Map<String, INDArray> first = new LinkedHashMap<>();
        Map<String, INDArray> second = new LinkedHashMap<>();
        StringBuilder index = new StringBuilder("{\"weight_map\": {");
        int i = 0;
        for (Map.Entry<String, INDArray> e : all.entrySet()) {
            String shard = i++ % 2 == 0 ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
            (shard.contains("00001-") ? first : second).put(e.getKey(), e.getValue());
            index.append(i > 1 ? ", " : "").append('"').append(e.getKey()).append("\": \"").append(shard).append('"');
        }
        SafetensorsWriter.write(dir.resolve("model-00001-of-00002.safetensors"), first, Map.of());
        SafetensorsWriter.write(dir.resolve("model-00002-of-00002.safetensors"), second, Map.of());
        Files.writeString(dir.resolve(CheckpointWeights.INDEX), index.append("}}").toString());
        Encoder target = Encoder.of(5);
        CheckpointLoader.load(dir, target.sd(), target.tables());
        source.tables().tables().forEach((k, v) -> assertEquals(v, target.tables().tables().get(k), k));
    }

    private static void assertRejected(Consumer<Map<String, INDArray>> edit, String expected) {
        Map<String, INDArray> w = Encoder.of(1).hfWeights();
        edit.accept(w);
        Encoder target = Encoder.of(2);
        UserError e = assertThrows(UserError.class, () -> CheckpointLoader.load(FILE, w, target.sd(), target.tables()));
        assertTrue(e.getMessage().startsWith(FILE.toString()) && e.getMessage().contains(expected), e.getMessage());
    }
}
