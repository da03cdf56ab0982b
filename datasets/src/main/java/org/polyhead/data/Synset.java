package org.polyhead.data;

import java.util.List;

/**
 * One WordNet synset as the {@code data.*} files give it: its lemmas (with spaces as underscores), lexicographer file,
 * the offsets of its hypernyms ({@code @}, then instance hypernyms {@code @i}), its definition and its quoted examples.
 */
record Synset(String offset, char pos, String lexFile, List<String> lemmas, List<String> hypernyms,
              String definition, List<String> examples) {

    /** The first hypernym, the one the first-hypernym chain follows; null at a root. */
    String firstHypernym() {
        return hypernyms.isEmpty() ? null : hypernyms.get(0);
    }
}
