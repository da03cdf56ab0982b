package org.polyhead.data;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * WordNet's morphy(7) for nouns and verbs: the candidate base forms of an inflected word, from the exception lists
 * and the detachment rules ({@code -ies → -y}, {@code -ing → -e} / {@code ""}, ...). Used to find a synset's lemma in
 * its example sentence in any inflection ("crawling" for {@code crawl}).
 */
final class Morphy {
    private static final String[][] NOUN = {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"},
        {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};
    private static final String[][] VERB = {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""},
        {"ing", "e"}, {"ing", ""}};

    private Morphy() {}

    /** The word itself (lower-cased), its exception-list bases and every rule-detached candidate. */
    static Set<String> bases(WordNet wn, String pos, String word) {
        String w = word.toLowerCase();
        Set<String> out = new LinkedHashSet<>();
        out.add(w);
        out.addAll(wn.exceptionBases(pos, w));
        for (String[] rule : pos.equals("verb") ? VERB : NOUN) {
            if (w.endsWith(rule[0]) && w.length() > rule[0].length()) {
                out.add(w.substring(0, w.length() - rule[0].length()) + rule[1]);
            }
        }
        return out;
    }
}
