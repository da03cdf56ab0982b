package org.polyhead.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WordNet 3.1 definitions with two label groups of different granularity: {@code pos} (noun, verb, adj, adv) and
 * {@code lexfile} (the lexicographer file, a supersense such as {@code noun.animal}). A seeded sample of at most
 * {@code perPos} definitions per part of speech keeps the four classes comparable (adverbs have ~3.6k synsets).
 */
public final class WordNetPos {
    public static final String NAME = "wordnet-pos";

    private WordNetPos() {}

    public static Dataset<GroupRecord> load(int perPos, long seed) {
        WordNet wn = WordNet.get();
        List<GroupRecord> records = new ArrayList<>();
        for (Map.Entry<String, Map<String, Synset>> e : wn.synsets.entrySet()) {
            List<Synset> withDefinition = e.getValue().values().stream().filter(s -> !s.definition().isBlank()).toList();
            for (Synset s : Splits.sample(withDefinition, perPos, seed)) {
                Map<String, Object> labels = new LinkedHashMap<>();
                labels.put("pos", e.getKey());
                labels.put("lexfile", s.lexFile());
                records.add(new GroupRecord(records.size() + 1, s.definition(), labels));
            }
        }
        return Dataset.of(NAME, WordNet.PACKAGE + ": definitions; groups pos (4) and lexfile (supersense);"
                + " at most " + perPos + " per pos (seed " + seed + ")", records);
    }
}
