package org.polyhead.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The top-level help the launcher prints ({@code ./polyhead --help}) lists {@code spark} among the commands. */
class SparkMainTest {

    @Test
    void theTopLevelHelpListsTheSparkCommand() {
        String usage = SparkMain.commandLine(Path.of(".")).getUsageMessage();
        assertTrue(usage.lines().anyMatch(l -> l.matches("\\s+spark\\s+Start, stop or show polyhead's Spark.*")),
                usage);
        assertTrue(usage.lines().anyMatch(l -> l.matches("\\s+sweep\\s+.*")), usage);
    }
}
