package org.polyhead.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Progress bars draw on a terminal only, and never under CI or when asked to be quiet. */
class ProgressTest {

    @Test
    void barsAreQuietUnderCiWithoutATerminalOrWhenAsked() {
        assertTrue(Progress.shown(true, Map.of()));
        assertTrue(Progress.shown(true, Map.of("CI", "false")));
        assertFalse(Progress.shown(false, Map.of()), "output redirected: no terminal");
        assertFalse(Progress.shown(true, Map.of("CI", "true")));
        assertFalse(Progress.shown(true, Map.of("POLYHEAD_QUIET", "1")));
    }
}
