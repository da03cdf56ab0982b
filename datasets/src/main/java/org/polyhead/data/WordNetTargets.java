package org.polyhead.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Is the marked word used as a verb here?" on WordNet 3.1's own example sentences. For every noun and verb synset
 * example, the first word whose morphy base is one of the synset's single-word lemmas is the target (label 1 for a
 * verb synset, 0 for a noun synset). Only lemmas with both noun and verb examples are kept, and each such lemma gives
 * as many noun as verb sentences (a seeded sample of the larger side), so the word itself carries no label
 * information: only its context does. Sentences that occur with both labels for the same target are dropped.
 */
public final class WordNetTargets {
    public static final String NAME = "wordnet-verb-target";
    private static final Pattern WORD = Pattern.compile("[A-Za-z]+(?:[-'][A-Za-z]+)*");

    private WordNetTargets() {}

    /** One located occurrence, before balancing. */
    private record Hit(String lemma, String text, int start, int end, int label) {}

    public static Dataset<SpanRecord> load(long seed) {
        WordNet wn = WordNet.get();
        Map<String, List<List<Hit>>> byLemma = new TreeMap<>();
        Set<String> seen = new LinkedHashSet<>();
        Set<String> conflicting = new LinkedHashSet<>();
        for (String pos : List.of("noun", "verb")) {
            int label = pos.equals("verb") ? 1 : 0;
            for (Synset s : wn.synsets.get(pos).values()) {
                for (String example : s.examples()) {
                    Hit h = locate(wn, pos, s, example, label);
                    if (h == null) {
                        continue;
                    }
                    String key = h.text + '\u0000' + h.start;
                    if (!seen.add(key + '\u0000' + label)) {
                        continue;
                    }
                    if (seen.contains(key + '\u0000' + (1 - label))) {
                        conflicting.add(key);
                    }
                    byLemma.computeIfAbsent(h.lemma, k -> List.of(new ArrayList<>(), new ArrayList<>())).get(label).add(h);
                }
            }
        }
        Random random = new Random(seed);
        List<SpanRecord> records = new ArrayList<>();
        for (List<List<Hit>> sides : byLemma.values()) {
            sides.forEach(side -> side.removeIf(h -> conflicting.contains(h.text + '\u0000' + h.start)));
            int n = Math.min(sides.get(0).size(), sides.get(1).size());
            for (List<Hit> side : sides) {
                List<Hit> shuffled = new ArrayList<>(side);
                Collections.shuffle(shuffled, random);
                for (Hit h : shuffled.subList(0, n)) {
                    records.add(new SpanRecord(records.size() + 1, h.text, h.start, h.end, h.label));
                }
            }
        }
        return Dataset.of(NAME, WordNet.PACKAGE + ": noun and verb example sentences; target = the synset's lemma in"
                + " the sentence, label 1 = verb sense; lemmas with both, balanced per lemma (seed " + seed + ")",
                records);
    }

    static Hit locate(WordNet wn, String pos, Synset s, String example, int label) {
        List<String> lemmas = s.lemmas().stream().filter(l -> !l.contains("_")).map(String::toLowerCase).toList();
        Matcher m = WORD.matcher(example);
        while (m.find()) {
            Set<String> bases = Morphy.bases(wn, pos, m.group());
            for (String lemma : lemmas) {
                if (bases.contains(lemma)) {
                    return new Hit(lemma, example, m.start(), m.end(), label);
                }
            }
        }
        return null;
    }
}
