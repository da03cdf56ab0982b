package org.polyhead.encoder.checkpoint;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.UserError;
import org.polyhead.encoder.EmbeddingTables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves an encoder (any graph holding polyhead's encoder, e.g. a fine-tuned multi-head model) as a HuggingFace model
 * folder: the source checkpoint's config and tokenizer files plus a {@code model.safetensors} in PyTorch's layout. The
 * mirror of {@link CheckpointLoader}, so fine-tuned weights load back here and in {@code transformers}.
 */
public final class CheckpointWriter {
    private static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "vocab.txt", "tokenizer_config.json",
            "special_tokens_map.json");

    private CheckpointWriter() {}

    /** Every encoder weight of the graph and tables under its HuggingFace name, Linear weights as [out, in]. */
    public static Map<String, INDArray> weights(SameDiff sd, EmbeddingTables tables) {
        Map<String, INDArray> out = new LinkedHashMap<>(tables.tables());
        for (String name : CheckpointLoader.encoderVariables(sd)) {
            INDArray a = sd.getVariable(name).getArr();
            out.put(name, a.rank() == 2 ? a.transpose() : a);
        }
        return out;
    }

    /** Writes {@code dir} with config/tokenizer files copied from {@code config}'s folder and the current weights. */
    public static void save(Path dir, HfConfig config, SameDiff sd, EmbeddingTables tables) {
        try {
            Files.createDirectories(dir);
            Path from = config.file().getParent();
            Files.copy(config.file(), dir.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING);
            for (String f : TOKENIZER_FILES) {
                if (Files.isRegularFile(from.resolve(f))) {
                    Files.copy(from.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException ex) {
            throw new UserError(dir + ": cannot write model folder (" + ex.getMessage() + ")", ex);
        }
        SafetensorsWriter.write(dir.resolve(CheckpointWeights.SAFETENSORS), weights(sd, tables), Map.of("format", "pt"));
    }
}
