package org.polyhead.data;

import java.nio.file.Path;

/**
 * Where the project lives (system property {@code polyhead.home}, else env {@code POLYHEAD_HOME}, else the working
 * directory): installed data packages are under {@code .polyhead/data} and caches under {@code .polyhead/cache}.
 */
public final class DataHome {
    private DataHome() {}

    public static Path path() {
        String p = System.getProperty("polyhead.home", System.getenv().getOrDefault("POLYHEAD_HOME", "."));
        return Path.of(p).toAbsolutePath().normalize();
    }
}
