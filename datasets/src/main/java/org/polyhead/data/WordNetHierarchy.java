package org.polyhead.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * WordNet 3.1 noun definitions labelled with a 3-level path from the first-hypernym chain: the ancestors at depths
 * 2, 3 and 4 below {@code entity.n.01} (depth 1 only splits physical from abstract, so it is skipped), named NLTK-style
 * ({@code whole.n.02 → living_thing.n.01 → organism.n.01}). A noun is a record when it lies strictly below its depth-4
 * ancestor; leaf classes with fewer than {@code minPerLeaf} nouns are dropped and the others capped at
 * {@code capPerLeaf} by a seeded sample, which keeps the classes comparable in size and the set small.
 */
public final class WordNetHierarchy {
    public static final String NAME = "wordnet-hierarchy";
    static final int FIRST_DEPTH = 2;
    static final int LEVELS = 3;

    private WordNetHierarchy() {}

    public static Dataset<PathRecord> load(int minPerLeaf, int capPerLeaf, long seed) {
        WordNet wn = WordNet.get();
        Map<String, Synset> nouns = wn.synsets.get("noun");
        Map<String, List<List<String>>> byLeaf = new LinkedHashMap<>();
        for (Synset s : nouns.values()) {
            List<Synset> chain = chainFromRoot(nouns, s);
            if (chain.size() <= FIRST_DEPTH + LEVELS || s.definition().isBlank()) {
                continue;
            }
            List<String> path = new ArrayList<>();
            for (Synset a : chain.subList(FIRST_DEPTH, FIRST_DEPTH + LEVELS)) {
                path.add(wn.nounName(a));
            }
            path.add(s.definition());
            byLeaf.computeIfAbsent(path.get(LEVELS - 1), k -> new ArrayList<>()).add(path);
        }
        Random random = new Random(seed);
        List<List<String>> kept = new ArrayList<>();
        for (List<List<String>> members : byLeaf.values()) {
            if (members.size() >= minPerLeaf) {
                List<List<String>> shuffled = new ArrayList<>(members);
                Collections.shuffle(shuffled, random);
                kept.addAll(shuffled.subList(0, Math.min(capPerLeaf, shuffled.size())));
            }
        }
        kept.sort((a, b) -> String.join("|", a).compareTo(String.join("|", b)));
        List<PathRecord> records = new ArrayList<>();
        for (List<String> p : kept) {
            records.add(new PathRecord(records.size() + 1, p.get(LEVELS), p.subList(0, LEVELS)));
        }
        return Dataset.of(NAME, WordNet.PACKAGE + ": noun definitions; path = first-hypernym ancestors at depths 2/3/4;"
                + " leaf classes with ≥ " + minPerLeaf + " nouns, at most " + capPerLeaf + " each (seed " + seed + ")",
                records);
    }

    /** Root first, ending with {@code s}; follows the first hypernym (instance hypernym for instances). */
    static List<Synset> chainFromRoot(Map<String, Synset> nouns, Synset s) {
        List<Synset> chain = new ArrayList<>();
        for (Synset at = s; at != null && chain.size() < 100; at = nouns.get(at.firstHypernym())) {
            chain.add(at);
            if (at.firstHypernym() == null) {
                break;
            }
        }
        Collections.reverse(chain);
        return chain;
    }
}
