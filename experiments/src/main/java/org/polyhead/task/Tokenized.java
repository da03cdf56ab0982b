package org.polyhead.task;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.polyhead.UserError;

/** Token ids per text ([CLS] … [SEP], truncated to a maximum length), from a HuggingFace tokenizer.json. */
public record Tokenized(int[][] ids, String tokenizerId) {

    /** The tokenizer's provenance tag: its model folder and the maximum length. */
    public static String id(Path tokenizerJson, int maxLength) {
        return tokenizerJson.getParent().getFileName() + "/tokenizer.json@" + maxLength;
    }

    public static Tokenized of(Path tokenizerJson, List<String> texts, int maxLength) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new UserError("tokenizer not found: " + tokenizerJson);
        }
        Map<String, String> options = Map.of("truncation", "true", "maxLength", Integer.toString(maxLength),
                "padding", "false", "addSpecialTokens", "true");
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, options)) {
            int[][] ids = new int[texts.size()][];
            for (int i = 0; i < ids.length; i++) {
                Encoding e = tokenizer.encode(texts.get(i));
                long[] raw = e.getIds();
                ids[i] = new int[raw.length];
                for (int j = 0; j < raw.length; j++) {
                    ids[i][j] = Math.toIntExact(raw[j]);
                }
            }
            return new Tokenized(ids, id(tokenizerJson, maxLength));
        } catch (IOException e) {
            throw new UserError(tokenizerJson + ": cannot load tokenizer: " + e.getMessage(), e);
        }
    }
}
