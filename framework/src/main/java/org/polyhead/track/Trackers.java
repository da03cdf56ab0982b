package org.polyhead.track;

import java.nio.file.Path;

/** Chooses where runs go: {@code MLFLOW_TRACKING_URI} if set, else the project's local server (started if needed). */
public final class Trackers {
    private Trackers() {}

    public static MlflowTracker fromEnvironment(Path home) {
        String uri = System.getenv("MLFLOW_TRACKING_URI");
        if (uri != null && !uri.isBlank()) {
            return new MlflowTracker(uri.replaceAll("/+$", ""));
        }
        String url = MlflowServer.ofProject(home).start(0);
        System.err.println("polyhead: MLflow UI at " + url);
        return new MlflowTracker(url);
    }
}
