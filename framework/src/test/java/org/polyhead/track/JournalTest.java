package org.polyhead.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
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
            j.ack(2);
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
            j.ack(next.seq());
        }
        assertFalse(Files.exists(root.resolve("run1")), "a fully acknowledged journal is removed");
    }
}
