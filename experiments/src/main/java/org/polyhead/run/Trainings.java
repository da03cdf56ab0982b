package org.polyhead.run;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Head designs ({@code model.heads}) that train in their own way rather than as one model, by spec name; every other
 * design trains as one model. A new one is a {@link Training} plus one line here.
 */
final class Trainings {
    private static final Map<String, Function<Path, Training>> OWN = Map.of(
            "staged", StagedRunner::new);

    private Trainings() {}

    /** The design's own training, or {@code oneModel}. */
    static Training of(String design, Path workDir, Training oneModel) {
        Function<Path, Training> own = OWN.get(design);
        return own == null ? oneModel : own.apply(workDir);
    }
}
