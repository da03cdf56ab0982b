package org.polyhead.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCacheTest {
    @TempDir
    Path dir;
    private final AtomicInteger calls = new AtomicInteger();

    /** A real (if simple) tokenizer: character codes of the first {@code max} characters; counts its calls. */
    private Function<List<String>, int[][]> chars(int max) {
        return texts -> {
            calls.incrementAndGet();
            return texts.stream().map(t -> t.chars().limit(max).toArray()).toArray(int[][]::new);
        };
    }

    private static Dataset<GroupRecord> dataset(String... texts) {
        List<GroupRecord> rs = new java.util.ArrayList<>();
        for (String t : texts) {
            rs.add(new GroupRecord(rs.size() + 1, t, Map.of("g", "a")));
        }
        return Dataset.of("d", "test", rs);
    }

    @Test
    void secondRequestIsAHitWithEqualIds() {
        TokenCache cache = new TokenCache(dir);
        Dataset<GroupRecord> d = dataset("hello", "a much longer text");
        TokenCache.Tokens first = cache.tokens(d, "chars", 8, chars(8));
        TokenCache.Tokens second = new TokenCache(dir).tokens(d, "chars", 8, chars(8));
        assertFalse(first.hit());
        assertTrue(second.hit());
        assertEquals(1, calls.get());
        assertArrayEquals(first.ids(), second.ids());
        assertArrayEquals(new int[] {5, 8}, second.lengths());
        assertArrayEquals("hello".chars().toArray(), second.ids()[0]);
    }

    @Test
    void anotherTokenizerLengthOrDatasetIsAMiss() {
        TokenCache cache = new TokenCache(dir);
        Dataset<GroupRecord> d = dataset("hello", "world");
        cache.tokens(d, "chars", 8, chars(8));
        assertFalse(cache.tokens(d, "chars", 4, chars(4)).hit());
        assertFalse(cache.tokens(d, "chars-v2", 8, chars(8)).hit());
        assertFalse(cache.tokens(dataset("hello", "there"), "chars", 8, chars(8)).hit());
        assertTrue(cache.tokens(d, "chars", 4, chars(4)).hit());
        assertEquals(4, calls.get());
    }

    @Test
    void aCorruptOrMismatchedFileIsRewritten() throws IOException {
        TokenCache cache = new TokenCache(dir);
        Dataset<GroupRecord> d = dataset("hello", "world");
        cache.tokens(d, "chars", 8, chars(8));
        Path file = cache.file(d.sha256(), "chars", 8);
        Files.write(file, new byte[] {1, 2, 3});
        assertFalse(cache.tokens(d, "chars", 8, chars(8)).hit());
        assertTrue(cache.tokens(d, "chars", 8, chars(8)).hit());
        // same hash claimed for other texts (a wrongly built Dataset) must not get the first texts' ids
        Dataset<GroupRecord> forged = new Dataset<>("d", "test", d.sha256(), dataset("other", "texts").records());
        TokenCache.Tokens t = cache.tokens(forged, "chars", 8, chars(8));
        assertFalse(t.hit());
        assertArrayEquals("other".chars().toArray(), t.ids()[0]);
    }
}
