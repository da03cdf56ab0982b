package org.polyhead.encoder.checkpoint;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.UserError;
import org.polyhead.encoder.EmbeddingTables;
import org.polyhead.encoder.EncoderConfig;
import org.polyhead.encoder.EncoderInputs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts a HuggingFace BERT checkpoint's weights into polyhead's encoder: the graph variables and the embedding tables
 * share HuggingFace's tensor names, so loading is by name, with PyTorch's [out, in] Linear weights transposed to the
 * graph's [in, out]. Strict on the encoder: a tensor the graph lacks, a graph weight the checkpoint lacks, or a wrong
 * shape is a UserError naming the file and tensor. Task heads of the checkpoint ({@code cls.*}, {@code classifier.*})
 * and a pooler the graph does not use are reported as unused, not errors.
 */
public final class CheckpointLoader {
    private static final String PREFIX = "bert.";
    private static final List<String> ENCODER_SCOPES = List.of("embeddings.", "encoder.", "pooler.");
    private static final Set<String> BUFFERS = Set.of("embeddings.position_ids");

    private CheckpointLoader() {}

    /** The encoder shapes a checkpoint's config describes (dropout from hidden_dropout_prob). */
    public static EncoderConfig encoderConfig(HfConfig c) {
        if (c.attentionDropout() != c.hiddenDropout()) {
            // the graph has one keep probability; the difference only matters while training
            org.slf4j.LoggerFactory.getLogger(CheckpointLoader.class).warn("{}: attention dropout {} differs from"
                    + " hidden dropout {}; training uses {}", c.file(), c.attentionDropout(), c.hiddenDropout(),
                    c.hiddenDropout());
        }
        return new EncoderConfig(c.vocabSize(), c.hiddenSize(), c.numLayers(), c.numHeads(), c.intermediateSize(),
                c.maxPositions(), c.typeVocabSize(), c.layerNormEps(), c.hiddenDropout());
    }

    /**
     * Loads the folder's weights into {@code sd} and {@code tables} in place (so optimizers holding the arrays keep
     * working); returns the checkpoint tensors that were not used.
     */
    public static List<String> load(Path modelDir, SameDiff sd, EmbeddingTables tables) {
        return load(CheckpointWeights.source(modelDir), CheckpointWeights.read(modelDir), sd, tables);
    }

    static List<String> load(Path file, Map<String, INDArray> weights, SameDiff sd, EmbeddingTables tables) {
        Set<String> needed = new LinkedHashSet<>(encoderVariables(sd));
        needed.addAll(tables.tables().keySet());
        List<String> unused = new ArrayList<>();
        for (Map.Entry<String, INDArray> e : weights.entrySet()) {
            String name = e.getKey().startsWith(PREFIX) ? e.getKey().substring(PREFIX.length()) : e.getKey();
            INDArray target = tables.tables().get(name);
            boolean transpose = false;
            if (target == null && sd.hasVariable(name) && needed.contains(name)) {
                target = sd.getVariable(name).getArr();
                transpose = target.rank() == 2;
            }
            if (target == null) {
                if (BUFFERS.contains(name) || !inEncoderScope(name) || name.startsWith("pooler.")) {
                    unused.add(e.getKey());
                    continue;
                }
                throw new UserError(file + ": unexpected tensor '" + e.getKey() + "' (the encoder built from"
                        + " config.json has no such weight: a different architecture or a config that does not"
                        + " match the weights)");
            }
            INDArray value = transpose ? e.getValue().transpose() : e.getValue();
            if (!Arrays.equals(value.shape(), target.shape())) {
                throw new UserError(file + ": tensor '" + e.getKey() + "' has shape " + Arrays.toString(e.getValue().shape())
                        + ", the encoder expects " + Arrays.toString(transpose ? reversed(target.shape()) : target.shape())
                        + " (config.json does not match the weights)");
            }
            target.assign(value.castTo(target.dataType()));
            needed.remove(name);
        }
        if (!needed.isEmpty()) {
            throw new UserError(file + ": missing tensor" + (needed.size() > 1 ? "s " : " ")
                    + String.join(", ", needed.stream().limit(8).toList())
                    + (needed.size() > 8 ? " and " + (needed.size() - 8) + " more" : "") + " (truncated or not BERT?)");
        }
        return unused;
    }

    /** Graph VARIABLEs in the checkpoint's namespaces, without the fed-in embedding sum. */
    static List<String> encoderVariables(SameDiff sd) {
        List<String> names = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE && inEncoderScope(v.name())
                    && !v.name().equals(EncoderInputs.EMBEDDINGS)) {
                names.add(v.name());
            }
        }
        return names;
    }

    private static boolean inEncoderScope(String name) {
        return ENCODER_SCOPES.stream().anyMatch(name::startsWith);
    }

    private static long[] reversed(long[] s) {
        return new long[] {s[1], s[0]};
    }
}
