package org.polyhead.encoder.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.polyhead.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The parts of a HuggingFace {@code config.json} that decide the encoder's shapes, read and checked against what
 * polyhead's encoder can represent (a post-LayerNorm BERT with absolute positions and exact GELU). A checkpoint of any
 * other architecture is refused here, naming the file and the key, rather than loaded into a graph that would compute
 * something else with the same tensor shapes.
 */
public record HfConfig(Path file, String modelType, int vocabSize, int hiddenSize, int numLayers, int numHeads,
                       int intermediateSize, int maxPositions, int typeVocabSize, double layerNormEps,
                       double hiddenDropout, double attentionDropout, int padTokenId) {

    /** model_type values whose checkpoints are plain BERT tensors and computation. */
    public static final Set<String> SUPPORTED_MODEL_TYPES = Set.of("bert");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads {@code config.json} from a model folder (or the file itself). */
    public static HfConfig read(Path modelDirOrFile) {
        Path file = Files.isDirectory(modelDirOrFile) ? modelDirOrFile.resolve("config.json") : modelDirOrFile;
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": missing (a HuggingFace model folder needs config.json)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException ex) {
            throw new UserError(file + ": not valid JSON (" + ex.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new UserError(file + ": must be a JSON object");
        }
        return parse(file, root);
    }

    static HfConfig parse(Path file, JsonNode root) {
        Keys k = new Keys(file, root);
        String modelType = k.text("model_type", null);
        if (!SUPPORTED_MODEL_TYPES.contains(modelType)) {
            throw new UserError(file + ": model_type '" + modelType + "' is not supported (polyhead's encoder is BERT: "
                    + SUPPORTED_MODEL_TYPES + ")");
        }
        k.require("hidden_act", "gelu", "exact (erf) GELU is the only activation the encoder implements");
        k.require("position_embedding_type", "absolute", "the encoder has learned absolute position embeddings");
        if (root.path("is_decoder").asBoolean(false) || root.path("add_cross_attention").asBoolean(false)) {
            throw new UserError(file + ": is_decoder/add_cross_attention: decoders are not supported, only encoders");
        }
        HfConfig c = new HfConfig(file, modelType, k.positive("vocab_size"), k.positive("hidden_size"),
                k.positive("num_hidden_layers"), k.positive("num_attention_heads"), k.positive("intermediate_size"),
                k.positive("max_position_embeddings"), k.positiveOr("type_vocab_size", 2),
                k.number("layer_norm_eps", 1e-12), k.number("hidden_dropout_prob", 0.1),
                k.number("attention_probs_dropout_prob", 0.1), k.intOr("pad_token_id", 0));
        for (String key : new String[] {"hidden_dropout_prob", "attention_probs_dropout_prob"}) {
            if (root.path(key).asDouble(0) >= 1) {
                throw new UserError(file + ": key '" + key + "' must be in [0, 1), got " + root.get(key));
            }
        }
        if (c.hiddenSize % c.numHeads != 0) {
            throw new UserError(file + ": hidden_size " + c.hiddenSize + " is not a multiple of num_attention_heads "
                    + c.numHeads);
        }
        return c;
    }

    /** Typed access to config keys; every failure names the file and the key. */
    private record Keys(Path file, JsonNode root) {
        String text(String key, String dflt) {
            JsonNode v = root.get(key);
            if (v == null || v.isNull()) {
                if (dflt == null) {
                    throw new UserError(file + ": missing key '" + key + "'");
                }
                return dflt;
            }
            if (!v.isTextual()) {
                throw new UserError(file + ": key '" + key + "' must be a string, got " + v);
            }
            return v.asText();
        }

        void require(String key, String want, String why) {
            String got = text(key, want);
            if (!got.equals(want)) {
                throw new UserError(file + ": " + key + " '" + got + "' is not supported, expected '" + want + "' ("
                        + why + ")");
            }
        }

        int positive(String key) {
            JsonNode v = root.get(key);
            if (v == null || v.isNull()) {
                throw new UserError(file + ": missing key '" + key + "'");
            }
            return checkPositive(key, v);
        }

        int positiveOr(String key, int dflt) {
            JsonNode v = root.get(key);
            return v == null || v.isNull() ? dflt : checkPositive(key, v);
        }

        int intOr(String key, int dflt) {
            JsonNode v = root.get(key);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isIntegralNumber()) {
                throw new UserError(file + ": key '" + key + "' must be an integer, got " + v);
            }
            return v.asInt();
        }

        double number(String key, double dflt) {
            JsonNode v = root.get(key);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isNumber() || v.asDouble() < 0) {
                throw new UserError(file + ": key '" + key + "' must be a non-negative number, got " + v);
            }
            return v.asDouble();
        }

        private int checkPositive(String key, JsonNode v) {
            if (!v.isIntegralNumber() || v.asLong() <= 0 || v.asLong() > Integer.MAX_VALUE) {
                throw new UserError(file + ": key '" + key + "' must be a positive integer, got " + v);
            }
            return v.asInt();
        }
    }
}
