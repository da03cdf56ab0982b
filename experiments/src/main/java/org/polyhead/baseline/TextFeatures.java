package org.polyhead.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.polyhead.data.SpanRecord;
import org.polyhead.data.TextRecord;

/**
 * The text a bag-of-words baseline reads, lower-cased: a record's whole text, or for a marked target the
 * {@value #WINDOW} words either side of the target's word and that word itself, twice: as plain words (their
 * 1–2-grams say what surrounds the target) and tagged with their offset from the target
 * ({@code to_m1 run_t0 fast_p1}), so that "the word just before the target" is a feature of its own. On
 * {@code wordnet-verb-target} the word alone carries no information (each lemma has as many noun as verb sentences),
 * so the context is all there is to learn from.
 */
public final class TextFeatures {
    /** Words kept either side of the target. */
    static final int WINDOW = 3;
    private static final Pattern WORD = Pattern.compile("\\S+");

    private TextFeatures() {}

    public static String of(TextRecord r) {
        return r instanceof SpanRecord s ? window(s) : r.text().toLowerCase(Locale.ROOT);
    }

    static String window(SpanRecord r) {
        List<String> words = new ArrayList<>();
        int target = -1;
        Matcher m = WORD.matcher(r.text());
        while (m.find()) {
            if (target < 0 && m.end() > r.start()) {
                target = words.size();
            }
            words.add(m.group().toLowerCase(Locale.ROOT));
        }
        int from = Math.max(0, target - WINDOW);
        int to = Math.min(words.size(), target + WINDOW + 1);
        StringBuilder plain = new StringBuilder();
        StringBuilder tagged = new StringBuilder();
        for (int i = from; i < to; i++) {
            plain.append(words.get(i)).append(' ');
            for (String w : words.get(i).split("[^\\p{L}\\p{N}]+")) {
                if (!w.isEmpty()) {
                    tagged.append(' ').append(w).append('_').append(offset(i - target));
                }
            }
        }
        return plain.append('.').append(tagged).toString();
    }

    private static String offset(int d) {
        return d < 0 ? "m" + -d : d > 0 ? "p" + d : "t0";
    }
}
