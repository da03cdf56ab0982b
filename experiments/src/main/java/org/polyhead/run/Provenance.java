package org.polyhead.run;

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

/**
 * Provenance tags of every run: git commit and dirty flag, config hash, seed, polyhead version, ND4J backend and
 * device, and (per trial) dataset SHA-256 and tokenizer.
 */
public final class Provenance {
    private static Map<String, String> git;

    private Provenance() {}

    public static Map<String, String> common(SpecLoader.Resolved spec) {
        Map<String, String> tags = new LinkedHashMap<>(git());
        tags.put("polyhead.config_hash", spec.hash());
        tags.put("polyhead.seed", Integer.toString(spec.spec().training().seed()));
        tags.put("polyhead.version", Polyhead.VERSION);
        tags.put("polyhead.spec", RunConventions.relative(home(), spec.source()));
        tags.put("polyhead.backend", Nd4j.getBackend().getClass().getSimpleName());
        tags.put("polyhead.device", device());
        tags.putAll(RunConventions.tags(home(), spec.source(), tags.get("polyhead.git_commit")));
        return tags;
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

    public static Map<String, String> data(PreparedData data) {
        return Map.of("polyhead.dataset", data.datasetName(), "polyhead.dataset_sha256", data.datasetSha256(),
                "polyhead.tokenizer", data.tokenizerId());
    }

    /** Trials that agree on this key share one prepared dataset. */
    public static String dataKey(SpecLoader.Resolved spec) {
        var s = spec.spec();
        return s.data() + "|" + s.encoder().tokenizer() + "|" + s.encoder().checkpoint() + "|" + s.groups();
    }

    private static synchronized Map<String, String> git() {
        if (git == null) {
            Map<String, String> g = new LinkedHashMap<>();
            Path home = Path.of(System.getProperty("polyhead.home", "."));
            String commit = run(home, "git", "rev-parse", "HEAD");
            g.put("polyhead.git_commit", commit == null ? "unknown" : commit);
            String status = run(home, "git", "status", "--porcelain", "--untracked-files=no");
            g.put("polyhead.git_dirty", status == null ? "unknown" : Boolean.toString(!status.isEmpty()));
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
