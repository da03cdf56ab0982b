package org.polyhead.track;

import java.nio.file.Path;
import org.polyhead.StateDir;

/** Chooses where runs go: {@code MLFLOW_TRACKING_URI} if set, else the project's local server (started if needed). */
public final class Trackers {
    private Trackers() {}

    /** Journals left by earlier runs under {@link #journalRoot} are sent first (see {@link MlflowTracker#replayed}). */
    public static MlflowTracker fromEnvironment(Path home) {
        String uri = System.getenv("MLFLOW_TRACKING_URI");
        if (uri != null && !uri.isBlank()) {
            return new MlflowTracker(uri.replaceAll("/+$", ""), journalRoot(home), MlflowTracker.defaultDrainTimeout());
        }
        String url = MlflowServer.ofProject(home).start(0);
        System.err.println("polyhead: MLflow UI at " + url);
        return new MlflowTracker(url, journalRoot(home), MlflowTracker.defaultDrainTimeout());
    }

    /** Where a project's runs are journaled before they are sent: {@code journal} in its {@link StateDir}. */
    public static Path journalRoot(Path home) {
        return StateDir.of(home).resolve("journal");
    }
}
