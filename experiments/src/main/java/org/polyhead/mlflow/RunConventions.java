package org.polyhead.mlflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tags MLflow's own UI reads, so its User, Source and Version columns and a run's description fill for polyhead
 * runs as they do for runs logged from Python. Keys as in MLflow's Java client
 * ({@code org.mlflow.tracking.utils.MlflowTagConstants}): the user who ran it, the spec file as the source (a
 * repository-relative path, type {@code LOCAL}), the git commit, and the spec's header comment as the run's note.
 */
public final class RunConventions {
    public static final String USER = "mlflow.user";
    public static final String SOURCE_NAME = "mlflow.source.name";
    public static final String SOURCE_TYPE = "mlflow.source.type";
    public static final String GIT_COMMIT = "mlflow.source.git.commit";
    public static final String NOTE = "mlflow.note.content";

    private RunConventions() {}

    /**
     * @param user   who ran it
     * @param spec   the spec file, relative to the repository root (or a name such as {@code --set} for a spec built
     *               in memory)
     * @param commit the git commit, or null or {@code unknown} when unknown
     * @param note   the spec's header comment ({@link #headerComment}), or empty
     */
    public static Map<String, String> tags(String user, String spec, String commit, String note) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(USER, user);
        tags.put(SOURCE_NAME, spec);
        tags.put(SOURCE_TYPE, "LOCAL");
        if (commit != null && !commit.equals("unknown")) {
            tags.put(GIT_COMMIT, commit);
        }
        if (note != null && !note.isEmpty()) {
            tags.put(NOTE, note);
        }
        return tags;
    }

    /** {@code file} relative to {@code home} when it lies inside it, else as given. */
    public static String relative(Path home, String file) {
        Path abs = Path.of(file).toAbsolutePath().normalize();
        Path root = home.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : file;
    }

    /** The comment lines at the top of a YAML file, without their {@code #}; empty if none or unreadable. */
    public static String headerComment(Path yaml) {
        if (!Files.isRegularFile(yaml)) {
            return "";
        }
        try {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(yaml, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (!t.startsWith("#")) {
                    if (t.isEmpty() && lines.isEmpty()) {
                        continue;
                    }
                    break;
                }
                lines.add(t.replaceFirst("^#+ ?", ""));
            }
            return String.join("\n", lines).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
