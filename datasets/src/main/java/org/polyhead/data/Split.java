package org.polyhead.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Train, validation and test records (disjoint), with the assignment recordable as a run artifact so that a result
 * can be traced to the exact records each model saw.
 */
public record Split<R extends TextRecord>(List<R> train, List<R> validation, List<R> test) {
    public Split {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    /** {@code line,unit,split} for every record (split is train, validation or test); returns {@code file}. */
    public Path writeAssignment(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("line,unit,split\n");
        append(sb, train, "train");
        append(sb, validation, "validation");
        append(sb, test, "test");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, sb);
        return file;
    }

    private static void append(StringBuilder sb, List<? extends TextRecord> records, String part) {
        for (TextRecord r : records) {
            sb.append(r.line()).append(',').append(csv(r.unit())).append(',').append(part).append('\n');
        }
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
