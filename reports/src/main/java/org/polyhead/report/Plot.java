package org.polyhead.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One kind of figure. A plot looks at which params vary and which metrics the runs have, and draws nothing when its
 * inputs are absent, so a report picks its figures from the runs themselves.
 */
public interface Plot {
    /** The figures written into {@code dir} (PNG), or none when these runs lack what this plot shows. */
    List<Doc.Image> draw(RunGroups runs, Path dir) throws IOException;
}
