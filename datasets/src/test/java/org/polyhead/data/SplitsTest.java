package org.polyhead.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.polyhead.UserError;

class SplitsTest {
    /** 1000 records: class "a" 700, "b" 250, "c" 50; unit = record / 10 (100 units of 10). */
    private static List<GroupRecord> records() {
        List<GroupRecord> rs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String c = i % 20 == 0 ? "c" : i % 4 == 1 ? "b" : "a";
            rs.add(new GroupRecord(i + 1, "text " + i, Map.of("g", c), "u" + i / 10));
        }
        return rs;
    }

    private static <R extends TextRecord> void assertPartition(List<R> all, Split<R> s) {
        List<R> joined = Stream.of(s.train(), s.validation(), s.test()).flatMap(List::stream).toList();
        assertEquals(all.size(), joined.size());
        assertEquals(new HashSet<>(all), new HashSet<>(joined));
    }

    private static long count(List<GroupRecord> rs, String c) {
        return rs.stream().filter(r -> r.labels().get("g").equals(c)).count();
    }

    @Test
    void stratifiedSplitKeepsEachClassShareAndIsDeterministic() {
        List<GroupRecord> rs = records();
        Split<GroupRecord> s = Splits.stratified(rs, r -> (String) r.labels().get("g"), 0.2, 0.1, 7);
        assertPartition(rs, s);
        for (String c : List.of("a", "b", "c")) {
            long n = count(rs, c);
            assertEquals(Math.round(n * 0.2), count(s.validation(), c), c);
            assertEquals(Math.round(n * 0.1), count(s.test(), c), c);
        }
        assertEquals(s, Splits.stratified(rs, r -> (String) r.labels().get("g"), 0.2, 0.1, 7));
        assertNotEquals(s.validation(), Splits.stratified(rs, r -> (String) r.labels().get("g"), 0.2, 0.1, 8).validation());
    }

    @Test
    void stratifiedSplitLeavesTinyClassesInTrain() {
        List<GroupRecord> rs = List.of(new GroupRecord(1, "x", Map.of("g", "solo")),
                new GroupRecord(2, "y", Map.of("g", "pair")), new GroupRecord(3, "z", Map.of("g", "pair")));
        Split<GroupRecord> s = Splits.stratified(rs, r -> (String) r.labels().get("g"), 0.5, 0.5 - 1e-9, 1);
        assertPartition(rs, s);
        assertEquals(1, count(s.train(), "solo"));
        assertEquals(1, count(s.train(), "pair"));
    }

    @Test
    void groupSplitNeverSharesAGroupAndReachesTheFractions() {
        List<GroupRecord> rs = records();
        Split<GroupRecord> s = Splits.byGroup(rs, GroupRecord::unit, 0.25, 0.15, 3);
        assertPartition(rs, s);
        Set<String> tr = s.train().stream().map(GroupRecord::unit).collect(Collectors.toSet());
        Set<String> va = s.validation().stream().map(GroupRecord::unit).collect(Collectors.toSet());
        Set<String> te = s.test().stream().map(GroupRecord::unit).collect(Collectors.toSet());
        assertTrue(tr.stream().noneMatch(va::contains) && tr.stream().noneMatch(te::contains)
                && va.stream().noneMatch(te::contains));
        assertEquals(250, s.validation().size());
        assertEquals(150, s.test().size());
        assertEquals(s, Splits.byGroup(rs, GroupRecord::unit, 0.25, 0.15, 3));
        assertEquals(Splits.byUnit(rs, 0.25, 3).validation(), Splits.byGroup(rs, GroupRecord::unit, 0.25, 0, 3).validation());
    }

    @Test
    void assignmentIsWrittenAsCsv(@TempDir Path dir) throws IOException {
        List<GroupRecord> rs = records().subList(0, 40);
        Split<GroupRecord> s = Splits.byGroup(rs, GroupRecord::unit, 0.25, 0.25, 1);
        List<String> lines = Files.readAllLines(s.writeAssignment(dir.resolve("run/split.csv")));
        assertEquals("line,unit,split", lines.get(0));
        assertEquals(41, lines.size());
        GroupRecord firstVal = s.validation().get(0);
        assertTrue(lines.contains(firstVal.line() + "," + firstVal.unit() + ",validation"));
        assertEquals(10, lines.stream().filter(l -> l.endsWith(",test")).count());
    }

    @Test
    void badFractionsAreUserErrors() {
        assertThrows(UserError.class, () -> Splits.stratified(records(), GroupRecord::unit, 0.6, 0.4, 1));
        assertThrows(UserError.class, () -> Splits.byGroup(records(), GroupRecord::unit, -0.1, 0, 1));
    }
}
