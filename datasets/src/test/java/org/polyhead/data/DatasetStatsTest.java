package org.polyhead.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetStatsTest {
    @Test
    void percentilesAreNearestRank() {
        List<Double> v = List.of(5.0, 1.0, 4.0, 2.0, 3.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertEquals("min 1, median 5, p90 9, max 10", DatasetStats.distribution(v, true));
    }

    @Test
    void groupedStatsCountClassesAndSummariseNumbers() {
        Dataset<GroupRecord> d = Dataset.of("d", "test", List.of(
                new GroupRecord(1, "one two", Map.of("party", "A", "year", 1900.0)),
                new GroupRecord(2, "one two three", Map.of("party", "A", "year", 2000.0)),
                new GroupRecord(3, "one", Map.of("party", "B", "year", 1950.0, "tags", List.of("x", "y")))));
        String s = DatasetStats.describe(d);
        assertTrue(s.contains("records  3\n"), s);
        assertTrue(s.contains("words    min 1, median 2, p90 3, max 3"), s);
        assertTrue(s.contains("group party (categorical): 2 classes\n        2  A\n        1  B\n"), s);
        assertTrue(s.contains("group year (continuous): min 1900, median 1950, p90 2000, max 2000"), s);
        assertTrue(s.contains("group tags (multi-label, 2 without a label): 2 classes"), s);
    }

    @Test
    void hierarchyAndTargetStatsCountPerLevelAndLabel() {
        String h = DatasetStats.describe(Dataset.of("h", "test", List.of(
                new PathRecord(1, "a", List.of("x", "x1")), new PathRecord(2, "b", List.of("x", "x2")))));
        assertTrue(h.contains("level 1: 1 classes\n        2  x\n") && h.contains("level 2: 2 classes"), h);
        String t = DatasetStats.describe(Dataset.of("t", "test", List.of(
                new SpanRecord(1, "they run", 5, 8, 1), new SpanRecord(2, "a run", 2, 5, 0))));
        assertTrue(t.contains("label: 2 classes") && t.contains("targets  1 distinct words"), t);
        assertTrue(t.contains("target position (word index) min 1, median 1, p90 1, max 1"), t);
    }
}
