package org.polyhead.data;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** SHA-256 of records in their canonical form (one per line, in order), independent of file layout. */
final class Hashes {
    private Hashes() {}

    static String of(List<? extends TextRecord> records) {
        Hasher h = Hashing.sha256().newHasher();
        for (TextRecord r : records) {
            h.putString(r.canonical(), StandardCharsets.UTF_8).putByte((byte) '\n');
        }
        return h.hash().toString();
    }

    static String ofStrings(List<String> texts) {
        Hasher h = Hashing.sha256().newHasher();
        texts.forEach(t -> h.putString(t, StandardCharsets.UTF_8).putByte((byte) 0));
        return h.hash().toString();
    }
}
