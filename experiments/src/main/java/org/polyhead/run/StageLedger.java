package org.polyhead.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What staged training actually did with each training row: which stage's model trained on it, and which models
 * predicted the parent inputs it fed to a later stage. Written as the run artifact {@code data/stages.csv}
 * ({@code event,model,stage,row,line}) so the split discipline can be checked after the fact.
 */
final class StageLedger {
    record Entry(String event, int model, int stage, int row, int line) {}

    static final String TRAIN = "train";
    static final String PARENT_INPUT = "parent_input";

    private final List<Entry> entries = new ArrayList<>();
    private final int[] lines;

    /** @param lines the source line of each training row (or the row number when unknown) */
    StageLedger(int[] lines) {
        this.lines = lines;
    }

    void trained(int model, int[] rows) {
        for (int r : rows) {
            entries.add(new Entry(TRAIN, model, model, r, lines[r]));
        }
    }

    void predictedParents(int model, int forStage, int[] rows) {
        for (int r : rows) {
            entries.add(new Entry(PARENT_INPUT, model, forStage, r, lines[r]));
        }
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    Path write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("event,model,stage,row,line\n");
        for (Entry e : entries) {
            sb.append(e.event()).append(',').append(e.model()).append(',').append(e.stage()).append(',')
                    .append(e.row()).append(',').append(e.line()).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb);
        return file;
    }
}
