package org.polyhead.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal survives its process: what was not acknowledged is found again, a partial last line is skipped. */
class JournalTest {

    @Test
    void unacknowledgedEntriesAreFoundAgainByTheNextProcess(@TempDir Path root) throws Exception {
        try (Journal j = Journal.open(root, "run1").orElseThrow()) {
            for (int i = 0; i < 5; i++) {
                j.append(JournalEntry.Kind.METRIC, "loss", null, 1.0 / (i + 1), (long) i, 1000L + i);
            }
            j.append(JournalEntry.Kind.METRIC, "loss", null, Double.NaN, 5L, 2000L);
            j.ack(j.unsent(3));
            assertTrue(Journal.open(root, "run1").isEmpty(), "a journal in use is not opened twice");
        }
        // a process killed in the middle of writing an entry
        Files.writeString(root.resolve("run1/entries.jsonl"), "{\"seq\":6,\"kind\":\"MET", StandardOpenOption.APPEND);
        assertEquals(List.of("run1"), Journal.runs(root));
        try (Journal j = Journal.open(root, "run1").orElseThrow()) {
            List<JournalEntry> unsent = j.unsent(100);
            assertEquals(List.of(3L, 4L, 5L), unsent.stream().map(JournalEntry::seq).toList());
            assertTrue(Double.isNaN(unsent.get(2).number()));
            assertEquals(1003L, unsent.get(0).timestamp(), "the timestamp is the original one: a replay is idempotent");
            JournalEntry next = j.append(JournalEntry.Kind.TAG, "k", "v", null, null, 3000L);
            assertEquals(6L, next.seq());
            j.ack(j.unsent(100));
        }
        assertFalse(Files.exists(root.resolve("run1")), "a fully acknowledged journal is removed");
    }

    @Test
    void onlyTheEntriesOfAnAcknowledgedRequestAreMarkedSentAndARefusalKeepsTheJournal(@TempDir Path root) {
        try (Journal j = Journal.open(root, "run2").orElseThrow()) {
            for (int i = 0; i < 6; i++) {
                j.append(JournalEntry.Kind.METRIC, "loss", null, 1.0, (long) i, 1000L + i);
            }
            List<JournalEntry> all = j.unsent(100);
            j.ack(List.of(all.get(4), all.get(5)));  // a later request acknowledged first: earlier entries stay
            j.refuse(all.get(1), "INVALID_PARAMETER_VALUE: bad");
            j.ack(List.of(all.get(0), all.get(2)));
            assertEquals(List.of(3L), j.unsent(100).stream().map(JournalEntry::seq).toList());
            assertEquals(Map.of(1L, "INVALID_PARAMETER_VALUE: bad"), j.refused());
            j.ack(List.of(all.get(3)));
        }
        Journal.Backlog kept = Journal.backlog(root, "run2");
        assertEquals(1, kept.left(), "the refused entry is kept, with its reason");
        assertEquals(Map.of(1L, "INVALID_PARAMETER_VALUE: bad"), kept.refused());
        try (Journal j = Journal.open(root, "run2").orElseThrow()) {
            assertEquals(List.of(1L), j.unsent(100).stream().map(JournalEntry::seq).toList(), "and tried again");
            j.ack(j.unsent(100));
        }
        assertFalse(Files.exists(root.resolve("run2")), "removed once the server acknowledged it");
    }
}
