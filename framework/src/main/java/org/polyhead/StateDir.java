package org.polyhead;

import java.nio.file.Path;

/**
 * Where polyhead keeps what it writes while it works: the tracking journal ({@code journal/}), each run's files and
 * checkpoints ({@code runs/}), caches ({@code cache/}) and the local MLflow server's store, URL and pid. By default
 * {@code <project>/.polyhead}; system property {@code polyhead.state} or environment variable {@code POLYHEAD_STATE}
 * moves it (another disk, a bigger partition). {@code POLYHEAD_HOME} stays the project root, which the launcher sets
 * and where the installed data ({@code .polyhead/data}) and models ({@code .polyhead/models}) are found.
 */
public final class StateDir {
    private StateDir() {}

    /** The state folder of the project at {@code home}. */
    public static Path of(Path home) {
        String moved = System.getProperty("polyhead.state", System.getenv("POLYHEAD_STATE"));
        return moved == null || moved.isBlank() ? home.resolve(".polyhead")
                : Path.of(moved).toAbsolutePath().normalize();
    }
}
