package org.polyhead.provenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.Polyhead;
import org.polyhead.mlflow.RunConventions;
import org.polyhead.spec.SpecLoader;
import org.polyhead.task.PreparedData;
import org.polyhead.track.Tags;

/**
 * Gathers the provenance of every run into a {@link RunProvenance}: git commit and dirty flag, config hash, seed,
 * polyhead version, spec file (relative to the repository root when inside it), ND4J backend and device, user, the
 * spec's header comment, and (per trial) dataset, its SHA-256, tokenizer and task kind.
 */
public final class Provenance {
    private static Map<String, String> git;

    private Provenance() {}

    /** The facts of a run of this spec, before its data is known. */
    public static RunProvenance of(SpecLoader.Resolved spec) {
        Map<String, String> git = git();
        return new RunProvenance(git.get(Tags.GIT_COMMIT), git.get(Tags.GIT_DIRTY), spec.hash(),
                spec.spec().training().seed(), Polyhead.VERSION, RunConventions.relative(home(), spec.source()),
                Nd4j.getBackend().getClass().getSimpleName(), device(), System.getProperty("user.name", "unknown"),
                RunConventions.headerComment(Path.of(spec.source())), null, null, null, null);
    }

    /** The facts of a trial of this spec on its prepared data. */
    public static RunProvenance of(SpecLoader.Resolved spec, PreparedData data) {
        return of(spec).withData(data);
    }

    private static Path home() {
        return Path.of(System.getProperty("polyhead.home", "."));
    }

    /** The GPU(s) ND4J runs on (CUDA backend), else the CPU's architecture, cores and OpenMP threads. */
    public static String device() {
        Object gpus = Nd4j.getExecutioner().getEnvironmentInformation().get("cuda.devicesInformation");
        if (gpus instanceof java.util.List<?> list && !list.isEmpty()) {
            return list.stream().map(d -> d instanceof Map<?, ?> m ? String.valueOf(m.get("cuda.deviceName")) : "GPU")
                    .collect(java.util.stream.Collectors.joining(", ")) + " (CUDA)";
        }
        return System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, OMP_NUM_THREADS=" + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset");
    }

    /** Trials that agree on this key share one prepared dataset. */
    public static String dataKey(SpecLoader.Resolved spec) {
        var s = spec.spec();
        return s.data() + "|" + s.encoder().tokenizer() + "|" + s.encoder().checkpoint() + "|" + s.groups();
    }

    private static synchronized Map<String, String> git() {
        if (git == null) {
            Map<String, String> g = new LinkedHashMap<>();
            String commit = run(home(), "git", "rev-parse", "HEAD");
            g.put(Tags.GIT_COMMIT, commit == null ? "unknown" : commit);
            String status = run(home(), "git", "status", "--porcelain", "--untracked-files=no");
            g.put(Tags.GIT_DIRTY, status == null ? "unknown" : Boolean.toString(!status.isEmpty()));
            git = g;
        }
        return git;
    }

    private static String run(Path dir, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
