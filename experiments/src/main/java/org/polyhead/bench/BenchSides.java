package org.polyhead.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one shape on both sides, each in its own fresh process (so each peak-memory figure is that side's alone),
 * back to back, with the same OMP_NUM_THREADS: polyhead in a child JVM ({@link PolyheadBench}), PyTorch with
 * {@code python/bench_torch.py} from the project's .venv, on the device polyhead's build runs on ({@link #device()}).
 */
public final class BenchSides {
    private static final List<String> FORWARDED = List.of("org.bytedeco.javacpp.cachedir", "polyhead.home",
            "polyhead.bench.maxRssMb",
            "ai.djl.offline", "org.slf4j.simpleLogger.defaultLogLevel");
    private final Path python;
    private final Path script;
    private final int threads;
    private final String device;

    /** {@code device}: "cpu", or "cuda" to run the PyTorch side on the first GPU. */
    public BenchSides(Path python, Path script, int threads, String device) {
        this.python = python;
        this.script = script;
        this.threads = threads;
        this.device = device;
    }

    /**
     * "cuda" when this build carries ND4J's CUDA backend (a {@code -Pcuda} build), else "cpu"; read from the class
     * path without starting ND4J, so it answers even where the backend cannot start.
     */
    public static String device() {
        try {
            Class.forName("org.nd4j.linalg.jcublas.JCublasBackend", false, BenchSides.class.getClassLoader());
            return "cuda";
        } catch (ClassNotFoundException e) {
            return "cpu";
        }
    }

    public ObjectNode polyhead(BenchShape s) throws IOException, InterruptedException {
        return run("polyhead", javaCommand(PolyheadBench.class, s.args()));
    }

    /** polyhead's side of the fine-tuning trial ({@link TrialBench}). */
    public ObjectNode polyhead(TrialShape t) throws IOException, InterruptedException {
        return run("polyhead", javaCommand(TrialBench.class, t.args()));
    }

    /** PyTorch's side of the fine-tuning trial (python/bench_trial.py) on the rows of {@code split}. */
    public ObjectNode pytorch(TrialShape t, Path split) throws IOException, InterruptedException {
        requirePython();
        return run("pytorch", List.of(python.toString(), script.resolveSibling("bench_trial.py").toString(),
                "--name", t.name(), "--split", split.toString(), "--warmup", "" + t.warmup(),
                "--steps", "" + t.steps(), "--validations", "" + t.validations()));
    }

    /** A child JVM running {@code main} as the launcher's JVM runs (heap settings, forwarded properties). */
    private static List<String> javaCommand(Class<?> main, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-X")) { // heap and GC settings: the child runs as the launcher's JVM does
                cmd.add(arg);
            }
        }
        for (String key : FORWARDED) {
            if (System.getProperty(key) != null) {
                cmd.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        return cmd;
    }

    public ObjectNode pytorch(BenchShape s) throws IOException, InterruptedException {
        requirePython();
        return run("pytorch", pytorchCommand(s));
    }

    private void requirePython() {
        if (!Files.isExecutable(python)) {
            throw new IllegalStateException(python + " missing: run ./polyhead --help once to install the venv");
        }
    }

    /** The PyTorch side's command line for a shape. */
    public List<String> pytorchCommand(BenchShape s) {
        List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString()));
        cmd.addAll(s.args());
        cmd.addAll(List.of("--device", device));
        return cmd;
    }

    /** Runs a side and parses the JSON object it prints last; fails with its stderr on a non-zero exit. */
    private ObjectNode run(String side, List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        Path err = Files.createTempFile("polyhead-bench", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(3600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", cmd));
        }
        String stderr = Files.readString(err);
        Files.deleteIfExists(err);
        String json = stdout.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
        if (p.exitValue() != 0 || json == null) {
            String killed = p.exitValue() == 137 ? ", killed (SIGKILL: usually the kernel's out-of-memory killer)"
                    : stderr.lines().filter(l -> l.startsWith("peak resident memory")).map(l -> ": " + l)
                    .findFirst().orElse("");
            throw new IllegalStateException(side + " side failed (exit " + p.exitValue() + killed + ")\n"
                    + String.join(" ", cmd) + "\n" + stderr + stdout);
        }
        return (ObjectNode) new ObjectMapper().readTree(json);
    }
}
