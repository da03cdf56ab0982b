package org.polyhead.encoder.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.hash.Hashing;
import org.polyhead.UserError;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint's own tokenizer, run by HuggingFace's Rust {@code tokenizers} through DJL so that token ids are the ones
 * the checkpoint was trained with (tested identical to {@code transformers}). Loads {@code tokenizer.json}, or builds
 * the equivalent from {@code vocab.txt}; truncates to a maximum length (special tokens included) and pads each batch to
 * its longest row. {@link #id()} changes whenever anything that changes the ids changes, for token caches.
 */
public final class Tokenizer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer hf;
    private final Path source;
    private final int maxLength;
    private final int vocabSize;
    private final String id;

    private Tokenizer(HuggingFaceTokenizer hf, Path source, int maxLength, int vocabSize, String id) {
        this.hf = hf;
        this.source = source;
        this.maxLength = maxLength;
        this.vocabSize = vocabSize;
        this.id = id;
    }

    /** The tokenizer of a HuggingFace model folder: tokenizer.json if present, else vocab.txt. */
    public static Tokenizer load(Path modelDir, int maxLength) {
        if (maxLength < 2) {
            throw new UserError("max length must be at least 2 ([CLS] and [SEP]), got " + maxLength);
        }
        Path json = modelDir.resolve("tokenizer.json");
        Path vocab = modelDir.resolve("vocab.txt");
        String text;
        Path source;
        try {
            if (Files.isRegularFile(json)) {
                source = json;
                text = Files.readString(json, StandardCharsets.UTF_8);
            } else if (Files.isRegularFile(vocab)) {
                source = vocab;
                text = VocabTokenizerJson.build(vocab, modelDir.resolve("tokenizer_config.json"));
            } else {
                throw new UserError(modelDir + ": no tokenizer (expected tokenizer.json or vocab.txt)");
            }
        } catch (IOException ex) {
            throw new UserError(json + ": cannot read (" + ex.getMessage() + ")");
        }
        int vocabSize = countVocab(source, text);
        Map<String, String> options = Map.of("truncation", "longest_first", "padding", "longest",
                "maxLength", Integer.toString(maxLength), "modelMaxLength", Integer.toString(maxLength),
                "addSpecialTokens", "true");
        HuggingFaceTokenizer hf;
        try {
            hf = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    options);
        } catch (IOException | RuntimeException ex) {
            throw new UserError(source + ": not a tokenizer the HuggingFace tokenizers library can load ("
                    + ex.getMessage() + ")", ex);
        }
        String hash = Hashing.sha256().hashString(text, StandardCharsets.UTF_8).toString().substring(0, 16);
        return new Tokenizer(hf, source, maxLength, vocabSize, "hf-" + hash + "-max" + maxLength);
    }

    /** Token ids of each text, truncated to {@link #maxLength()} and padded to the batch's longest row. */
    public TokenBatch encode(List<String> texts) {
        if (texts.isEmpty()) {
            return new TokenBatch(new int[0][], new int[0][], new int[0][]);
        }
        Encoding[] enc = hf.batchEncode(texts);
        int[][] ids = new int[enc.length][];
        int[][] mask = new int[enc.length][];
        int[][] types = new int[enc.length][];
        for (int i = 0; i < enc.length; i++) {
            ids[i] = toInts(enc[i].getIds());
            mask[i] = toInts(enc[i].getAttentionMask());
            types[i] = toInts(enc[i].getTypeIds());
        }
        return new TokenBatch(ids, mask, types);
    }

    /** Fails unless every id this tokenizer can emit has a row in an embedding table of {@code configVocabSize}. */
    public void checkFits(int configVocabSize, Path configFile) {
        if (vocabSize > configVocabSize) {
            throw new UserError(source + ": tokenizer has " + vocabSize + " tokens but " + configFile + " vocab_size is "
                    + configVocabSize + " (tokenizer and checkpoint do not belong together)");
        }
    }

    /** Number of distinct token ids (largest id + 1), added tokens included. */
    public int vocabSize() {
        return vocabSize;
    }

    public int maxLength() {
        return maxLength;
    }

    /** Stable identity for caches: a hash of the tokenizer definition plus the maximum length. */
    public String id() {
        return id;
    }

    public Path source() {
        return source;
    }

    @Override
    public void close() {
        hf.close();
    }

    private static int[] toInts(long[] a) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Math.toIntExact(a[i]);
        }
        return out;
    }

    private static int countVocab(Path source, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException ex) {
            throw new UserError(source + ": not valid JSON (" + ex.getMessage() + ")");
        }
        JsonNode vocab = root.path("model").path("vocab");
        if (!vocab.isObject() || vocab.isEmpty()) {
            throw new UserError(source + ": key 'model.vocab' must be a non-empty object of token -> id"
                    + " (only WordPiece/BPE-style vocabularies are supported)");
        }
        int max = -1;
        for (JsonNode id : vocab) {
            max = Math.max(max, id.asInt());
        }
        for (JsonNode t : root.path("added_tokens")) {
            max = Math.max(max, t.path("id").asInt());
        }
        return max + 1;
    }
}
