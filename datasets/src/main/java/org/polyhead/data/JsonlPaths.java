package org.polyhead.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's hierarchy dataset in JSONL: one {@code {"text": "...", "path": ["topic", "subtopic", "class"]}} per line.
 * All paths have the same depth, no level is empty, and a label has one parent wherever it appears (so the paths form
 * a tree); a line that breaks this is reported with its number and the line it conflicts with.
 */
public final class JsonlPaths {
    private JsonlPaths() {}

    public static Dataset<PathRecord> load(Path file) {
        List<PathRecord> records = Jsonl.read(file, JsonlPaths::parse);
        checkTree(file, records);
        return Dataset.of(file.getFileName().toString(), Jsonl.source(file), records);
    }

    static PathRecord parse(Jsonl.Where where, JsonNode node, String text) {
        JsonNode path = node.get("path");
        if (path == null || !path.isArray() || path.isEmpty()) {
            throw where.error("\"path\" must be a non-empty list of labels, top level first");
        }
        List<String> levels = new ArrayList<>();
        for (JsonNode level : path) {
            if (!level.isTextual() || level.asText().isBlank()) {
                throw where.error("\"path\" level " + (levels.size() + 1) + " must be a non-empty label, got " + level);
            }
            levels.add(level.asText());
        }
        return new PathRecord(where.line(), text, levels);
    }

    /** Same depth everywhere, and each (level, label) always under the same parent. */
    static void checkTree(Path file, List<PathRecord> records) {
        PathRecord first = records.get(0);
        Map<String, PathRecord> parentOf = new HashMap<>();
        for (PathRecord r : records) {
            Jsonl.Where where = new Jsonl.Where(file, r.line());
            if (r.path().size() != first.path().size()) {
                throw where.error("path has " + r.path().size() + " levels but line " + first.line() + " has "
                        + first.path().size());
            }
            for (int k = 1; k < r.path().size(); k++) {
                String key = k + "\u0000" + r.path().get(k);
                PathRecord seen = parentOf.putIfAbsent(key, r);
                if (seen != null && !seen.path().get(k - 1).equals(r.path().get(k - 1))) {
                    throw where.error("'" + r.path().get(k) + "' (level " + (k + 1) + ") is under '"
                            + r.path().get(k - 1) + "' here but under '" + seen.path().get(k - 1) + "' at line "
                            + seen.line());
                }
            }
        }
    }
}
