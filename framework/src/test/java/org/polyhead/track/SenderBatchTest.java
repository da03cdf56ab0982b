package org.polyhead.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches stay within MLflow's per-request limits and keep the journal's order and meaning. */
class SenderBatchTest {

    private static List<JournalEntry> entries(JournalEntry.Kind kind, int n, String prefix, long firstSeq) {
        List<JournalEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new JournalEntry(firstSeq + i, kind, prefix + i, kind == JournalEntry.Kind.METRIC ? null : "v",
                    kind == JournalEntry.Kind.METRIC ? 1.0 : null, kind == JournalEntry.Kind.METRIC ? (long) i : null, 0));
        }
        return out;
    }

    @Test
    void aBatchHoldsAtMost1000EntriesAnd100ParamsAnd100Tags() {
        List<JournalEntry> all = new ArrayList<>(entries(JournalEntry.Kind.PARAM, 150, "p", 0));
        assertEquals(100, Sender.nextBatch(all).size());
        all = new ArrayList<>(entries(JournalEntry.Kind.METRIC, 950, "m", 0));
        all.addAll(entries(JournalEntry.Kind.TAG, 150, "t", 950));
        List<JournalEntry> batch = Sender.nextBatch(all);
        assertEquals(1000, batch.size(), "950 metrics + 50 tags: the 1000-entry total binds");
        assertEquals(50, batch.stream().filter(e -> e.kind() == JournalEntry.Kind.TAG).count());
        assertEquals(100, Sender.nextBatch(entries(JournalEntry.Kind.TAG, 300, "t", 0)).size());
        assertEquals(1000, Sender.nextBatch(entries(JournalEntry.Kind.METRIC, 2500, "m", 0)).size());
    }

    @Test
    void aRepeatedParamOrTagKeyStartsANewBatch() {
        List<JournalEntry> all = new ArrayList<>(entries(JournalEntry.Kind.TAG, 3, "t", 0));
        all.add(new JournalEntry(3, JournalEntry.Kind.TAG, "t1", "later", null, null, 0));
        assertEquals(3, Sender.nextBatch(all).size());
    }

    @Test
    void artifactsAndTheEndGoAloneInJournalOrder() {
        List<JournalEntry> all = new ArrayList<>(entries(JournalEntry.Kind.METRIC, 5, "m", 0));
        all.add(new JournalEntry(5, JournalEntry.Kind.ARTIFACT, "a.txt", "/tmp/a.txt", null, null, 0));
        all.add(new JournalEntry(6, JournalEntry.Kind.END, "status", "FINISHED", null, null, 0));
        assertEquals(5, Sender.nextBatch(all).size());
        assertEquals(List.of(all.get(5)), Sender.nextBatch(all.subList(5, 7)));
        assertEquals(List.of(all.get(6)), Sender.nextBatch(all.subList(6, 7)));
    }

    @Test
    void longValuesSplitARequestBeforeItReachesOneMegabyte() {
        List<JournalEntry> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            all.add(new JournalEntry(i, JournalEntry.Kind.TAG, "t" + i, "x".repeat(5000), null, null, 0));
            all.add(new JournalEntry(100 + i, JournalEntry.Kind.PARAM, "p" + i, "x".repeat(6000), null, null, 0));
        }
        int bytes = Sender.nextBatch(all).stream().mapToInt(e -> e.value().length()).sum();
        assertEquals(true, bytes <= Sender.MAX_BYTES, bytes + " bytes");
    }
}
