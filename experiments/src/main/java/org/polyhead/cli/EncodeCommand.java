package org.polyhead.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.polyhead.UserError;
import org.polyhead.encoder.checkpoint.PretrainedEncoder;
import org.polyhead.encoder.checkpoint.PretrainedModels;
import org.polyhead.encoder.tokenizer.TokenBatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code polyhead encode}: runs a HuggingFace BERT checkpoint through polyhead's SameDiff encoder and writes one JSON
 * line per input line, for feature extraction and for checking against {@code python/reference_encode.py}.
 */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Encode texts (one per line) with a HuggingFace BERT checkpoint: one JSON line per input line with"
                + " input_ids and last_hidden_state (one vector per real token, padding left out).")
public final class EncodeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "HuggingFace model folder (config.json, model.safetensors, tokenizer.json or vocab.txt), or "
                    + PretrainedModels.MINILM + " for the model the project installs")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "UTF-8 text file, one text per line")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "JSONL file to write")
    Path output;

    @Option(names = "--max-length", defaultValue = "128", paramLabel = "N",
            description = "truncate each text to N tokens, [CLS] and [SEP] included (default: ${DEFAULT-VALUE})")
    int maxLength;

    @Option(names = "--batch-size", defaultValue = "16", paramLabel = "N",
            description = "texts per forward pass (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--precision", defaultValue = "float32", paramLabel = "P",
            description = "float32 or float64 (float64 tells rounding apart from real differences)")
    String precision;

    @Override
    public Integer call() {
        if (batchSize < 1) {
            throw new UserError("--batch-size must be at least 1, got " + batchSize);
        }
        DataType type = switch (precision) {
            case "float32" -> DataType.FLOAT;
            case "float64" -> DataType.DOUBLE;
            default -> throw new UserError("--precision must be float32 or float64, got " + precision);
        };
        Path dir = !Files.exists(model) && model.toString().equals(PretrainedModels.MINILM)
                ? PretrainedModels.miniLm() : model;
        List<String> lines = readLines(input);
        try (PretrainedEncoder encoder = PretrainedEncoder.load(dir, maxLength, type);
             OutputStream os = Files.newOutputStream(output);
             JsonGenerator json = new JsonFactory().createGenerator(os, JsonEncoding.UTF8)) {
            json.setRootValueSeparator(null);
            for (int start = 0; start < lines.size(); start += batchSize) {
                TokenBatch batch = encoder.tokenizer().encode(lines.subList(start, Math.min(lines.size(), start + batchSize)));
                INDArray hidden = encoder.lastHiddenState(batch).castTo(DataType.DOUBLE);
                for (int i = 0; i < batch.size(); i++) {
                    writeRow(json, batch, hidden, i);
                    json.flush();
                    os.write('\n');
                }
            }
        } catch (IOException ex) {
            throw new UserError(output + ": cannot write (" + ex.getMessage() + ")", ex);
        }
        System.err.printf("polyhead: encoded %d lines with %s into %s%n", lines.size(), dir, output);
        return 0;
    }

    private static void writeRow(JsonGenerator json, TokenBatch batch, INDArray hidden, int i) throws IOException {
        int n = batch.length(i);
        json.writeStartObject();
        json.writeFieldName("input_ids");
        json.writeArray(batch.inputIds()[i], 0, n);
        json.writeFieldName("last_hidden_state");
        json.writeStartArray();
        INDArray rows = hidden.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all());
        for (int t = 0; t < n; t++) {
            double[] v = rows.getRow(t).toDoubleVector();
            json.writeArray(v, 0, v.length);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static List<String> readLines(Path file) {
        return org.polyhead.data.TextLines.read(file);
    }
}
