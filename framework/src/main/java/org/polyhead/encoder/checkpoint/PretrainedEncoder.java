package org.polyhead.encoder.checkpoint;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.UserError;
import org.polyhead.encoder.BertEncoder;
import org.polyhead.encoder.EmbeddingTables;
import org.polyhead.encoder.EncoderConfig;
import org.polyhead.encoder.EncoderInputs;
import org.polyhead.encoder.WeightInit;
import org.polyhead.encoder.tokenizer.TokenBatch;
import org.polyhead.encoder.tokenizer.Tokenizer;
import org.polyhead.graph.Purpose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A HuggingFace BERT folder made runnable: its config, tokenizer, and the SameDiff encoder with the checkpoint's
 * weights, for feature extraction ({@code polyhead encode}) and parity checks against {@code transformers}. It can
 * save itself back as a HuggingFace folder, so fine-tuned weights round-trip through the same loader. It only runs
 * forward, so its graph is an inference graph without dropout sites ({@link Purpose#INFERENCE}).
 */
public final class PretrainedEncoder implements AutoCloseable {
    public static final String OUTPUT = "last_hidden_state";

    private final HfConfig config;
    private final Tokenizer tokenizer;
    private final SameDiff sd;
    private final EmbeddingTables tables;
    private final List<String> unused;

    private PretrainedEncoder(HfConfig config, Tokenizer tokenizer, SameDiff sd, EmbeddingTables tables,
                              List<String> unused) {
        this.config = config;
        this.tokenizer = tokenizer;
        this.sd = sd;
        this.tables = tables;
        this.unused = unused;
    }

    /** Loads a model folder in float32; {@code maxLength} tokens at most per text, specials included. */
    public static PretrainedEncoder load(Path modelDir, int maxLength) {
        return load(modelDir, maxLength, DataType.FLOAT);
    }

    /** Loads a model folder computing in {@code type} (DOUBLE to separate float32 rounding from real differences). */
    public static PretrainedEncoder load(Path modelDir, int maxLength, DataType type) {
        if (!Files.isDirectory(modelDir)) {
            throw new UserError(modelDir + ": not a folder (expected a HuggingFace model folder)");
        }
        HfConfig config = HfConfig.read(modelDir);
        if (maxLength > config.maxPositions()) {
            throw new UserError("max length " + maxLength + " exceeds " + config.file() + " max_position_embeddings "
                    + config.maxPositions());
        }
        EncoderConfig shapes = CheckpointLoader.encoderConfig(config).withDropout(0);
        WeightInit init = new WeightInit(0L, type);
        SameDiff sd = SameDiff.create();
        EncoderInputs in = BertEncoder.inputs(sd, shapes, init);
        BertEncoder.build(sd, shapes, in, init, 0, Purpose.INFERENCE);
        EmbeddingTables tables = new EmbeddingTables(shapes, init);
        List<String> unused = CheckpointLoader.load(modelDir, sd, tables);
        Tokenizer tokenizer = Tokenizer.load(modelDir, maxLength);
        tokenizer.checkFits(config.vocabSize(), config.file());
        return new PretrainedEncoder(config, tokenizer, sd, tables, unused);
    }

    /** Last hidden states [B, T, d] of a tokenized batch (dropout off), padded positions included. */
    public INDArray lastHiddenState(TokenBatch batch) {
        sd.getVariable(EncoderInputs.EMBEDDINGS).setArray(tables.lookup(batch.inputIds(), batch.tokenTypeIds()));
        Map<String, INDArray> feed = new LinkedHashMap<>();
        DataType type = tables.tables().get(EmbeddingTables.WORD).dataType();
        feed.put(EncoderInputs.MASK, batch.mask(type));
        return sd.output(feed, OUTPUT).get(OUTPUT);
    }

    /** Writes this encoder as a HuggingFace model folder ({@link CheckpointWriter}). */
    public void save(Path dir) {
        CheckpointWriter.save(dir, config, sd, tables);
    }

    /** Every encoder weight under its HuggingFace name and layout. */
    public Map<String, INDArray> weights() {
        return CheckpointWriter.weights(sd, tables);
    }

    public HfConfig config() {
        return config;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public SameDiff graph() {
        return sd;
    }

    public EmbeddingTables tables() {
        return tables;
    }

    /** Checkpoint tensors this encoder did not use (buffers, the pooler, task heads). */
    public List<String> unused() {
        return unused;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
