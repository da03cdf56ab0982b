package org.polyhead.data;

import java.nio.file.Path;
import java.util.List;
import org.polyhead.UserError;

/** Datasets by name ({@code sotu}) or by a path to the user's own {@code .jsonl} file. */
public final class DatasetRegistry {
    public static final List<String> GROUPED = List.of(Sotu.NAME);

    private DatasetRegistry() {}

    public static Dataset<GroupRecord> grouped(String nameOrPath, Path home) {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw new UserError("data.name: required (one of " + GROUPED + " or a path to a .jsonl file)");
        }
        if (nameOrPath.endsWith(".jsonl")) {
            Path p = Path.of(nameOrPath);
            return JsonlGroups.load(p.isAbsolute() ? p : home.resolve(p));
        }
        if (nameOrPath.equals(Sotu.NAME)) {
            return Sotu.load(home, 64);
        }
        throw new UserError("data.name: unknown dataset '" + nameOrPath + "', expected one of " + GROUPED
                + " or a path to a .jsonl file");
    }
}
