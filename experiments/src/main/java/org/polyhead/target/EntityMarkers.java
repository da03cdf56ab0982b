package org.polyhead.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.polyhead.UserError;
import org.polyhead.data.SpanRecord;

/**
 * Optional marker tokens around the target in the text ({@code data.markers}), so that even {@code cls} or
 * {@code mean} pooling can tell which word is meant. {@code unused} writes {@code [unused0] target [unused1]} with
 * BERT's reserved vocabulary entries, added to the tokenizer as whole tokens (otherwise WordPiece would split the
 * brackets); the span moves to the target inside the markers, so {@code target} pooling still selects the word.
 * Untrained rows in a pretrained checkpoint, they are learnt during fine-tuning. {@code none} changes nothing.
 */
public final class EntityMarkers {
    public static final String NONE = "none";
    public static final String UNUSED = "unused";
    public static final List<String> NAMES = List.of(NONE, UNUSED);
    private static final String OPEN = "[unused0]";
    private static final String CLOSE = "[unused1]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean on;

    private EntityMarkers(boolean on) {
        this.on = on;
    }

    public static EntityMarkers named(String name) {
        if (!NAMES.contains(name)) {
            throw new UserError("data.markers: must be one of " + NAMES + ", got " + name);
        }
        return new EntityMarkers(name.equals(UNUSED));
    }

    /** The record with markers around its target, the span moved onto the target between them. */
    public SpanRecord insert(SpanRecord r) {
        if (!on) {
            return r;
        }
        String open = OPEN + " ";
        String text = r.text().substring(0, r.start()) + open + r.target() + " " + CLOSE + r.text().substring(r.end());
        return new SpanRecord(r.line(), text, r.start() + open.length(), r.end() + open.length(), r.label());
    }

    /** The tokenizer.json to use: as it is, or with the two markers added as whole tokens. */
    public InputStream tokenizer(Path tokenizerJson) throws IOException {
        byte[] bytes = Files.readAllBytes(tokenizerJson);
        if (!on) {
            return new ByteArrayInputStream(bytes);
        }
        JsonNode root = JSON.readTree(bytes);
        ArrayNode added = (ArrayNode) root.withArray("added_tokens");
        for (String marker : List.of(OPEN, CLOSE)) {
            JsonNode id = root.path("model").path("vocab").get(marker);
            if (id == null) {
                throw new UserError(tokenizerJson + ": no " + marker + " in the vocabulary, so data.markers: " + UNUSED
                        + " cannot be used with this tokenizer");
            }
            ObjectNode t = added.addObject();
            t.put("id", id.asInt()).put("content", marker).put("single_word", false).put("lstrip", false)
                    .put("rstrip", false).put("normalized", false).put("special", false);
        }
        return new ByteArrayInputStream(JSON.writeValueAsBytes(root));
    }
}
