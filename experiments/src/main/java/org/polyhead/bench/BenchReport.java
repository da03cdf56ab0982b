package org.polyhead.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * Both sides' numbers per shape, the polyhead/PyTorch ratios against the targets (training step ≤ 1.5× PyTorch's
 * time, inference ≥ 0.8× its throughput, peak memory ≤ 2× its), and the machine they were measured on; written as
 * {@code results.json} and a {@code README.md} table.
 */
public final class BenchReport {
    static final double MAX_STEP_RATIO = 1.5;
    static final double MIN_THROUGHPUT_RATIO = 0.8;
    static final double MAX_MEMORY_RATIO = 2.0;

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectNode root = json.createObjectNode();
    private final ArrayNode results = root.putArray("results");
    private final ArrayNode failures = root.putArray("failures");

    /** {@code device}: "cpu", or "cuda" when both sides run on the GPU ({@link BenchSides#device()}). */
    public BenchReport(String command, int threads, String device) {
        root.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("command", command);
        root.put("threads", threads);
        root.put("device", device);
        root.put("machine", machine());
    }

    /** Adds one shape's two sides; returns the entry (with its ratios). */
    public ObjectNode add(BenchShape s, ObjectNode polyhead, ObjectNode pytorch) {
        ObjectNode e = results.addObject();
        e.set("shape", json.valueToTree(s));
        e.set("polyhead", polyhead);
        e.set("pytorch", pytorch);
        ObjectNode r = e.putObject("ratio");
        r.put("train_step_time", polyhead.get("train_step_ms").asDouble() / pytorch.get("train_step_ms").asDouble());
        r.put("inference_throughput", polyhead.get("inference_seq_per_s").asDouble()
                / pytorch.get("inference_seq_per_s").asDouble());
        r.put("peak_memory", polyhead.get("peak_rss_mb").asDouble() / pytorch.get("peak_rss_mb").asDouble());
        r.put("train_step_cpu_time", polyhead.get("train_step_cpu_ms").asDouble()
                / pytorch.get("train_step_cpu_ms").asDouble());
        r.put("inference_cpu_throughput", pytorch.get("inference_cpu_ms").asDouble()
                / polyhead.get("inference_cpu_ms").asDouble());
        ObjectNode met = e.putObject("target_met");
        met.put("train_step_time", r.get("train_step_time").asDouble() <= MAX_STEP_RATIO);
        met.put("inference_throughput", r.get("inference_throughput").asDouble() >= MIN_THROUGHPUT_RATIO);
        met.put("peak_memory", r.get("peak_memory").asDouble() <= MAX_MEMORY_RATIO);
        return e;
    }

    /**
     * A shape where a side failed (its exit status, e.g. 137 when killed for memory, or a backend that cannot start),
     * kept in the report with each failed side's error and the numbers of the side that did complete, if any.
     */
    public void failed(BenchShape s, Map<String, String> errors, Map<String, ObjectNode> completed) {
        ObjectNode e = failures.addObject();
        e.set("shape", json.valueToTree(s));
        ObjectNode err = e.putObject("errors");
        errors.forEach((side, reason) -> err.put(side,
                reason.length() > 300 ? reason.substring(0, 300) + " ..." : reason));
        completed.forEach(e::set);
    }

    public ObjectNode json() {
        return root;
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        json.writeValue(dir.resolve("results.json").toFile(), root);
        Files.writeString(dir.resolve("README.md"), markdown());
    }

    /** One line per shape and side, then the ratios. */
    public String table() {
        StringBuilder t = new StringBuilder();
        t.append("| shape | batch × seq | side | train step (ms) | inference (seq/s) | peak RSS (MB) "
                + "| train step CPU (ms) | inference CPU (seq/CPU-s) |\n");
        t.append("|---|---|---|---:|---:|---:|---:|---:|\n");
        for (JsonNode e : results) {
            JsonNode s = e.get("shape");
            String shape = String.format(Locale.ROOT, "%s (%dL, d=%d, %dH, ff=%d)", s.get("name").asText(),
                    s.get("layers").asInt(), s.get("hidden").asInt(), s.get("heads").asInt(),
                    s.get("intermediate").asInt());
            String bt = s.get("batch").asInt() + " × " + s.get("seq").asInt();
            for (String side : new String[] {"polyhead", "pytorch"}) {
                JsonNode x = e.get(side);
                t.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %.0f | %.1f | %.1f |%n", shape, bt,
                        side, x.get("train_step_ms").asDouble(), x.get("inference_seq_per_s").asDouble(),
                        x.get("peak_rss_mb").asDouble(), x.get("train_step_cpu_ms").asDouble(),
                        s.get("batch").asDouble() * 1000 / x.get("inference_cpu_ms").asDouble()));
            }
            JsonNode r = e.get("ratio");
            JsonNode m = e.get("target_met");
            t.append(String.format(Locale.ROOT, "| %s | %s | **polyhead / pytorch** | **%.2f×** %s | **%.2f×** %s "
                            + "| **%.2f×** %s | %.2f× | %.2f× |%n",
                    shape, bt, r.get("train_step_time").asDouble(), mark(m, "train_step_time"),
                    r.get("inference_throughput").asDouble(), mark(m, "inference_throughput"),
                    r.get("peak_memory").asDouble(), mark(m, "peak_memory"),
                    r.get("train_step_cpu_time").asDouble(), r.get("inference_cpu_throughput").asDouble()));
        }
        return t.toString();
    }

    private String failureLines() {
        StringBuilder f = new StringBuilder();
        for (JsonNode e : failures) {
            JsonNode s = e.get("shape");
            f.append("- **").append(s.get("name").asText()).append("** at batch ").append(s.get("batch").asInt())
                    .append(" × ").append(s.get("seq").asInt()).append(":");
            e.get("errors").fields().forEachRemaining(x -> f.append(" the ").append(x.getKey())
                    .append(" side did not complete: `").append(x.getValue().asText().replace("`", "'")).append("`."));
            for (String side : new String[] {"polyhead", "pytorch"}) {
                JsonNode x = e.get(side);
                if (x != null) {
                    f.append(String.format(Locale.ROOT, " %s alone: train step %.1f ms, inference %.1f seq/s, peak "
                                    + "RSS %.0f MB%s.", side, x.get("train_step_ms").asDouble(),
                            x.get("inference_seq_per_s").asDouble(), x.get("peak_rss_mb").asDouble(),
                            x.has("peak_gpu_mb") ? String.format(Locale.ROOT, ", peak GPU memory %.0f MB",
                                    x.get("peak_gpu_mb").asDouble()) : ""));
                }
            }
            f.append("\n");
        }
        return f.length() == 0 ? "" : f.append("\n").toString();
    }

    private static String mark(JsonNode met, String key) {
        return met.get(key).asBoolean() ? "(target met)" : "(target missed)";
    }

    private String markdown() {
        return "# polyhead vs PyTorch: training step, inference, memory\n\n"
                + "Written by `" + root.get("command").asText() + "` (" + root.get("date").asText() + ").\n\n"
                + "- machine: " + root.get("machine").asText() + "\n"
                + "- threads: OMP_NUM_THREADS=" + root.get("threads").asInt() + " on both sides\n"
                + "- device: " + deviceLine() + "\n"
                + "- polyhead: " + first("polyhead") + "; PyTorch: " + first("pytorch") + "\n"
                + "- each side runs in its own fresh process, the two alternately for `rounds` rounds; in every process "
                + "`warmup` unmeasured repetitions come first (the JVM's JIT compiles polyhead's code during the first "
                + "steps), then `reps` measured ones; times are medians over every measured repetition of every round "
                + "(wall clock; the CPU columns are process-CPU time, all threads, JIT and GC included, the steadier "
                + "figure when the machine is shared); peak RSS is the highest VmHWM (heap and native memory) of a "
                + "side's processes; targets are judged on the wall-clock figures\n"
                + "- training step: forward + backward + Adam over every parameter (embedding tables included), two "
                + "softmax heads (8 and 4 classes) on mean pooling, L = π·CE₁ + (1−π)·CE₂, dropout 0.1; inference: "
                + "dropout off, no gradients, both heads' probabilities\n"
                + "- targets: training step ≤ " + MAX_STEP_RATIO + "× PyTorch's time, inference ≥ "
                + MIN_THROUGHPUT_RATIO + "× its throughput, peak memory ≤ " + MAX_MEMORY_RATIO + "× its\n\n"
                + table() + "\n" + failureLines()
                + "What was changed to get here, with before → after numbers: [optimisations.md](optimisations.md).\n";
    }

    private String first(String side) {
        if (!results.isEmpty()) {
            return results.get(0).get(side).get("version").asText();
        }
        for (JsonNode e : failures) {
            if (e.has(side)) {
                return e.get(side).get("version").asText();
            }
        }
        return "did not run";
    }

    private String deviceLine() {
        if (!"cuda".equals(root.get("device").asText())) {
            return "CPU on both sides";
        }
        return "GPU (a -Pcuda build: ND4J's CUDA backend; PyTorch with --device cuda, float32 with TF32 off); peak RSS "
                + "is host memory, PyTorch's peak GPU memory is `peak_gpu_mb` in results.json";
    }

    /** CPU model and core count from /proc/cpuinfo, plus the OS. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException ignored) {
            // not Linux: CPU model unknown
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version");
    }
}
