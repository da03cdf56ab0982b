package org.polyhead.target;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.polyhead.UserError;
import org.polyhead.data.SpanRecord;

/**
 * Maps a record's character span to the sub-tokens the HuggingFace tokenizer produces (its character offsets refer to
 * the original text, whatever the normalizer did), and fits the tokens into {@code maxLength} by a window centred on
 * the target ({@link TargetWindow}) instead of truncating the tail. A span must start at a token's first character
 * and end at a token's last: a span inside a token cannot be selected by position.
 */
public final class TargetTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer hf;
    private final int maxLength;

    private TargetTokenizer(HuggingFaceTokenizer hf, int maxLength) {
        this.hf = hf;
        this.maxLength = maxLength;
    }

    /** A tokenizer from a tokenizer.json's content; the window keeps {@code maxLength} tokens, specials included. */
    public static TargetTokenizer of(InputStream tokenizerJson, int maxLength) throws IOException {
        Map<String, String> options = Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "true");
        return new TargetTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, options), maxLength);
    }

    /** Token ids and target positions of a record; errors name {@code source} and the record's line. */
    public TargetTokens encode(SpanRecord r, String source) {
        Encoding e = hf.encode(r.text());
        long[] ids = e.getIds();
        long[] special = e.getSpecialTokenMask();
        CharSpan[] spans = e.getCharTokenSpans();
        List<Integer> content = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (special[i] == 0) {
                content.add(i);
            }
        }
        int from = -1;
        int to = -1;
        for (int c = 0; c < content.size(); c++) {
            CharSpan s = spans[content.get(c)];
            if (s != null && s.getStart() < r.end() && s.getEnd() > r.start()) {
                from = from < 0 ? c : from;
                to = c + 1;
            }
        }
        String where = source + ":" + r.line() + ": span [" + r.start() + ", " + r.end() + ") '" + r.target() + "'";
        if (from < 0) {
            throw new UserError(where + " covers no token");
        }
        int startChar = spans[content.get(from)].getStart();
        int endChar = spans[content.get(to - 1)].getEnd();
        if (startChar != r.start() || endChar != r.end()) {
            throw new UserError(where + " is not on token boundaries: its tokens cover [" + startChar + ", " + endChar
                    + ") '" + r.text().substring(startChar, endChar) + "'");
        }
        int specials = ids.length - content.size();
        int room = maxLength - specials;
        if (to - from > room) {
            throw new UserError(where + " has " + (to - from) + " tokens, more than fit in max_length " + maxLength);
        }
        TargetWindow w = TargetWindow.centred(content.size(), from, to, room);
        return new TargetTokens(assemble(ids, special, content, w), lead(special) + from - w.start(),
                lead(special) + to - w.start());
    }

    /** The leading special tokens, the window's content tokens, then the trailing special tokens. */
    private static int[] assemble(long[] ids, long[] special, List<Integer> content, TargetWindow w) {
        int lead = lead(special);
        int trail = ids.length - content.size() - lead;
        int[] out = new int[lead + w.length() + trail];
        int k = 0;
        for (int i = 0; i < lead; i++) {
            out[k++] = Math.toIntExact(ids[i]);
        }
        for (int c = w.start(); c < w.end(); c++) {
            out[k++] = Math.toIntExact(ids[content.get(c)]);
        }
        for (int i = ids.length - trail; i < ids.length; i++) {
            out[k++] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    private static int lead(long[] special) {
        int n = 0;
        while (n < special.length && special[n] == 1) {
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        hf.close();
    }
}
