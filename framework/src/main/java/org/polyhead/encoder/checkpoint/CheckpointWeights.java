package org.polyhead.encoder.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds and reads a model folder's weights: {@code model.safetensors}, or the shards a
 * {@code model.safetensors.index.json} lists. {@code pytorch_model.bin} (a zip of Python pickles) is refused with the
 * one-line conversion that the project's own venv can run: parsing pickles in Java is not worth its risk.
 */
public final class CheckpointWeights {
    public static final String SAFETENSORS = "model.safetensors";
    public static final String INDEX = "model.safetensors.index.json";
    public static final String PYTORCH_BIN = "pytorch_model.bin";

    private CheckpointWeights() {}

    /** Every tensor of the folder's weights by its name in the file; {@link #source} names the file(s). */
    public static Map<String, INDArray> read(Path modelDir) {
        Path single = modelDir.resolve(SAFETENSORS);
        if (Files.isRegularFile(single)) {
            return SafetensorsReader.read(single);
        }
        Path index = modelDir.resolve(INDEX);
        if (Files.isRegularFile(index)) {
            Map<String, INDArray> all = new LinkedHashMap<>();
            for (String shard : shards(index)) {
                Path file = modelDir.resolve(shard);
                if (!Files.isRegularFile(file)) {
                    throw new UserError(index + ": lists shard " + shard + ", which is missing");
                }
                all.putAll(SafetensorsReader.read(file));
            }
            return all;
        }
        if (Files.isRegularFile(modelDir.resolve(PYTORCH_BIN))) {
            throw new UserError(modelDir.resolve(PYTORCH_BIN) + ": PyTorch pickle checkpoints are not read; convert the"
                    + " folder once with .venv/bin/python -c \"from transformers import AutoModel; "
                    + "AutoModel.from_pretrained('" + modelDir + "').save_pretrained('" + modelDir + "')\""
                    + " (writes " + SAFETENSORS + ")");
        }
        throw new UserError(modelDir + ": no weights (expected " + SAFETENSORS + " or " + INDEX + ")");
    }

    /** The file a tensor came from, for error messages. */
    public static Path source(Path modelDir) {
        Path single = modelDir.resolve(SAFETENSORS);
        return Files.isRegularFile(single) ? single : modelDir.resolve(INDEX);
    }

    private static TreeSet<String> shards(Path index) {
        try {
            JsonNode map = new ObjectMapper().readTree(index.toFile()).get("weight_map");
            if (map == null || !map.isObject()) {
                throw new UserError(index + ": missing key 'weight_map'");
            }
            TreeSet<String> files = new TreeSet<>();
            map.forEach(f -> files.add(f.asText()));
            return files;
        } catch (IOException ex) {
            throw new UserError(index + ": not valid JSON (" + ex.getMessage() + ")");
        }
    }
}
