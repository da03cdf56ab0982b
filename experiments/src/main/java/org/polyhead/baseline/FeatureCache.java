package org.polyhead.baseline;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.polyhead.UserError;

/**
 * Pooled encoder features per record, on disk under {@code .polyhead/cache/features/<key>.bin}, keyed by what
 * determines them: the dataset's SHA-256, the checkpoint, the maximum length, the tokenizer (with its markers) and the
 * pooling. A record is found by its source line, so any sample or split of the same dataset reuses the vectors.
 * File: record count, width, then per record its line and its floats; written to a temporary file and moved into
 * place, so an interrupted write leaves the old cache intact.
 */
final class FeatureCache {
    private final Path file;

    private FeatureCache(Path file) {
        this.file = file;
    }

    static FeatureCache of(Path dir, String... keyParts) {
        return new FeatureCache(dir.resolve(sha256(String.join("\u0000", keyParts)) + ".bin"));
    }

    Path file() {
        return file;
    }

    /** The cached vectors by record line (empty when nothing is cached yet). */
    Map<Integer, float[]> load() {
        Map<Integer, float[]> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            int width = in.readInt();
            for (int i = 0; i < n; i++) {
                int line = in.readInt();
                float[] v = new float[width];
                for (int j = 0; j < width; j++) {
                    v[j] = in.readFloat();
                }
                out.put(line, v);
            }
        } catch (IOException e) {
            throw new UserError(file + ": unreadable feature cache (" + e.getMessage() + "); delete it to recompute",
                    e);
        }
        return out;
    }

    void save(Map<Integer, float[]> vectors) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "features", ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(vectors.size());
                out.writeInt(vectors.isEmpty() ? 0 : vectors.values().iterator().next().length);
                for (Map.Entry<Integer, float[]> e : vectors.entrySet()) {
                    out.writeInt(e.getKey());
                    for (float f : e.getValue()) {
                        out.writeFloat(f);
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError(file + ": cannot write the feature cache (" + e.getMessage() + ")", e);
        }
    }

    private static String sha256(String s) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
