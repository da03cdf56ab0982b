package org.polyhead.data;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;

/** SHA-256 of records in a canonical form (text, then labels sorted by group), independent of file layout. */
final class Hashes {
    private Hashes() {}

    static String ofGroupRecords(List<GroupRecord> records) {
        Hasher h = Hashing.sha256().newHasher();
        for (GroupRecord r : records) {
            h.putString(r.text(), StandardCharsets.UTF_8).putChar('\u0000');
            h.putString(new TreeMap<>(r.labels()).toString(), StandardCharsets.UTF_8).putChar('\n');
        }
        return h.hash().toString();
    }
}
