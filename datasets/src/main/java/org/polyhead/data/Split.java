package org.polyhead.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Train and validation records, disjoint by unit, with the assignment recordable as a run artifact. */
public record Split(List<GroupRecord> train, List<GroupRecord> validation) {

    /** {@code line,unit,split} for every record. */
    public Path writeAssignment(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("line,unit,split\n");
        train.forEach(r -> sb.append(r.line()).append(',').append(r.unit()).append(",train\n"));
        validation.forEach(r -> sb.append(r.line()).append(',').append(r.unit()).append(",validation\n"));
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb);
        return file;
    }
}
