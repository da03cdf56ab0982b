package org.polyhead.encoder.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.polyhead.UserError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the {@code tokenizer.json} that HuggingFace's BertTokenizerFast would build from an older checkpoint's
 * {@code vocab.txt} (+ {@code tokenizer_config.json}): BertNormalizer, BertPreTokenizer, WordPiece, [CLS] x [SEP]. This
 * lets the same Rust tokenizer (through DJL) serve folders that have no tokenizer.json, instead of a second, hand-written
 * WordPiece.
 */
final class VocabTokenizerJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SPECIALS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

    private VocabTokenizerJson() {}

    static String build(Path vocabFile, Path tokenizerConfig) {
        List<String> vocab;
        try {
            vocab = Files.readAllLines(vocabFile, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UserError(vocabFile + ": cannot read (" + ex.getMessage() + ")");
        }
        while (!vocab.isEmpty() && vocab.get(vocab.size() - 1).isEmpty()) {
            vocab.remove(vocab.size() - 1);
        }
        boolean lowercase = readLowercase(tokenizerConfig);
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ObjectNode vocabMap = JSON.createObjectNode();
        for (int i = 0; i < vocab.size(); i++) {
            vocabMap.put(vocab.get(i), i);
        }
        ArrayNode added = root.putArray("added_tokens");
        for (String s : SPECIALS) {
            JsonNode id = vocabMap.get(s);
            if (id == null) {
                throw new UserError(vocabFile + ": special token " + s + " is missing (not a BERT WordPiece vocabulary?)");
            }
            added.addObject().put("id", id.asInt()).put("special", true).put("content", s).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false);
        }
        root.putObject("normalizer").put("type", "BertNormalizer").put("clean_text", true)
                .put("handle_chinese_chars", true).putNull("strip_accents").put("lowercase", lowercase);
        root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        ObjectNode post = root.putObject("post_processor").put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        special(single, "[CLS]", 0);
        sequence(single, "A", 0);
        special(single, "[SEP]", 0);
        ArrayNode pair = post.putArray("pair");
        special(pair, "[CLS]", 0);
        sequence(pair, "A", 0);
        special(pair, "[SEP]", 0);
        sequence(pair, "B", 1);
        special(pair, "[SEP]", 1);
        ObjectNode specials = post.putObject("special_tokens");
        for (String s : List.of("[CLS]", "[SEP]")) {
            ObjectNode e = specials.putObject(s).put("id", s);
            e.putArray("ids").add(vocabMap.get(s).asInt());
            e.putArray("tokens").add(s);
        }
        root.putObject("decoder").put("type", "WordPiece").put("prefix", "##").put("cleanup", true);
        ObjectNode model = root.putObject("model").put("type", "WordPiece").put("unk_token", "[UNK]")
                .put("continuing_subword_prefix", "##").put("max_input_chars_per_word", 100);
        model.set("vocab", vocabMap);
        return root.toString();
    }

    private static boolean readLowercase(Path tokenizerConfig) {
        if (!Files.isRegularFile(tokenizerConfig)) {
            return true;
        }
        try {
            JsonNode v = JSON.readTree(tokenizerConfig.toFile()).get("do_lower_case");
            return v == null || v.asBoolean(true);
        } catch (IOException ex) {
            throw new UserError(tokenizerConfig + ": not valid JSON (" + ex.getMessage() + ")");
        }
    }

    private static void special(ArrayNode seq, String token, int typeId) {
        seq.addObject().putObject("SpecialToken").put("id", token).put("type_id", typeId);
    }

    private static void sequence(ArrayNode seq, String id, int typeId) {
        seq.addObject().putObject("Sequence").put("id", id).put("type_id", typeId);
    }
}
