package org.polyhead.cli;

import java.nio.file.Path;

/** Where the project lives (set by the launcher) and where its installed parts are. */
final class Home {
    private Home() {}

    static Path path() {
        String p = System.getProperty("polyhead.home", System.getenv().getOrDefault("POLYHEAD_HOME", "."));
        return Path.of(p).toAbsolutePath().normalize();
    }

    static Path work() {
        return org.polyhead.StateDir.of(path()).resolve("runs");
    }
}
