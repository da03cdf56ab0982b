package org.polyhead.data;

import com.google.common.hash.Hashing;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Function;
import org.polyhead.UserError;

/**
 * Token ids of a whole dataset, computed once per (dataset SHA-256, tokenizer id, max length) and kept under
 * {@code .polyhead/cache/tokens}: a sweep's trials and reruns skip tokenization. The tokenizer is any function from
 * texts to id rows, so the cache does not depend on a tokenizer class; its id string must change whenever its output
 * would. A file whose stored texts hash differs from the dataset's texts is treated as a miss and rewritten.
 */
public final class TokenCache {
    private static final int MAGIC = 0x504f4c59;
    private final Path dir;

    /** Token ids aligned with {@code dataset.records()}; {@code lengths[i]} is row i's attention length. */
    public record Tokens(int[][] ids, int[] lengths, boolean hit) {}

    public TokenCache(Path dir) {
        this.dir = dir;
    }

    /** The project's cache ({@code cache/tokens} in its {@link org.polyhead.StateDir}). */
    public static TokenCache inHome(Path home) {
        return new TokenCache(org.polyhead.StateDir.of(home).resolve("cache/tokens"));
    }

    public Tokens tokens(Dataset<? extends TextRecord> dataset, String tokenizerId, int maxLength,
                         Function<List<String>, int[][]> tokenizer) {
        List<String> texts = dataset.records().stream().map(TextRecord::text).toList();
        String textsHash = Hashes.ofStrings(texts);
        Path file = file(dataset.sha256(), tokenizerId, maxLength);
        int[][] cached = read(file, textsHash, texts.size());
        if (cached != null) {
            return new Tokens(cached, lengths(cached), true);
        }
        int[][] ids = tokenizer.apply(texts);
        if (ids.length != texts.size()) {
            throw new IllegalStateException("tokenizer " + tokenizerId + " returned " + ids.length + " rows for "
                    + texts.size() + " texts");
        }
        write(file, textsHash, ids);
        return new Tokens(ids, lengths(ids), false);
    }

    /** One file per key; the key's parts are hashed so any tokenizer id is a safe file name. */
    Path file(String datasetSha256, String tokenizerId, int maxLength) {
        String key = datasetSha256 + '\u0000' + tokenizerId + '\u0000' + maxLength;
        return dir.resolve(Hashing.sha256().hashString(key, StandardCharsets.UTF_8) + ".tokens");
    }

    private static int[] lengths(int[][] ids) {
        int[] n = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            n[i] = ids[i].length;
        }
        return n;
    }

    private static int[][] read(Path file, String textsHash, int rows) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || !in.readUTF().equals(textsHash) || in.readInt() != rows) {
                return null;
            }
            int[][] ids = new int[rows][];
            for (int i = 0; i < rows; i++) {
                ids[i] = new int[in.readInt()];
                for (int j = 0; j < ids[i].length; j++) {
                    ids[i][j] = in.readInt();
                }
            }
            return ids;
        } catch (IOException e) {
            return null; // a truncated or foreign file is a miss; it is rewritten below
        }
    }

    private static void write(Path file, String textsHash, int[][] ids) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(MAGIC);
                out.writeUTF(textsHash);
                out.writeInt(ids.length);
                for (int[] row : ids) {
                    out.writeInt(row.length);
                    for (int id : row) {
                        out.writeInt(id);
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError("cannot write the tokenization cache " + file + ": " + e.getMessage(), e);
        }
    }
}
