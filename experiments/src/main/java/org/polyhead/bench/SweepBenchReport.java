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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.polyhead.run.TrialRunner;
import org.polyhead.sweep.SweepRunner;

/**
 * A sweep's wall time at {@code --parallel N} against one trial after another (target: ≤ {@link #MAX_TIME_RATIO}×),
 * each trial's final metrics in both (which must be equal, bit for bit), and the machine with its load average before
 * and after: wall times on a machine that other work keeps busy say little. Written as {@code results.json} and a
 * {@code README.md}.
 */
public final class SweepBenchReport {
    static final double MAX_TIME_RATIO = 0.6;

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectNode root = json.createObjectNode();

    public SweepBenchReport(String command, String spec, List<String> overrides, int parallel) {
        root.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("command", command);
        root.put("machine", BenchReport.machine());
        root.put("load_before", loadAverage());
        root.put("spec", spec);
        overrides.forEach(root.putArray("overrides")::add);
        root.put("parallel", parallel);
    }

    /** The in-process sweep: its wall time in seconds. */
    public void sequential(double wallSeconds, double connectSeconds, SweepRunner.Outcome outcome) {
        side("sequential", wallSeconds, connectSeconds, outcome);
    }

    /**
     * The sweep on the cluster: its wall time, of which {@code connectSeconds} went to starting (or reusing) the
     * cluster, connecting, and waiting for its executors.
     */
    public void parallel(double wallSeconds, double connectSeconds, SweepRunner.Outcome outcome) {
        side("spark", wallSeconds, connectSeconds, outcome);
        double ratio = wallSeconds / root.get("sequential").get("wall_s").asDouble();
        root.put("time_ratio", ratio);
        root.put("target_met", ratio <= MAX_TIME_RATIO);
        root.put("load_after", loadAverage());
    }

    private void side(String name, double wallSeconds, double connectSeconds, SweepRunner.Outcome outcome) {
        ObjectNode s = root.putObject(name);
        s.put("wall_s", wallSeconds);
        s.put("connect_s", connectSeconds);
        s.put("parent_run", outcome.parentRunId());
    }

    /** Each trial's status and final metrics in both sweeps, and whether they are equal. */
    public void trials(List<String> names, SweepRunner.Outcome sequential, SweepRunner.Outcome parallel) {
        ArrayNode trials = root.putArray("trials");
        boolean allEqual = true;
        for (int i = 0; i < names.size(); i++) {
            TrialRunner.Result a = sequential.results().get(i);
            TrialRunner.Result b = parallel.results().get(i);
            boolean equal = a.status() == b.status() && new TreeMap<>(a.metrics()).equals(new TreeMap<>(b.metrics()));
            allEqual &= equal;
            ObjectNode t = trials.addObject();
            t.put("name", names.get(i));
            t.set("sequential", result(a));
            t.set("spark", result(b));
            t.put("equal", equal);
        }
        root.put("metrics_equal", allEqual);
    }

    private ObjectNode result(TrialRunner.Result r) {
        ObjectNode o = json.createObjectNode();
        o.put("status", r.status().name());
        ObjectNode m = o.putObject("metrics");
        new TreeMap<>(r.metrics()).forEach(m::put);
        return o;
    }

    public boolean metricsEqual() {
        return root.path("metrics_equal").asBoolean(false);
    }

    public ObjectNode json() {
        return root;
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        json.writeValue(dir.resolve("results.json").toFile(), root);
        Files.writeString(dir.resolve("README.md"), markdown());
    }

    /** The wall times and their ratio, then one line per trial and sweep with its final validation metrics. */
    public String table() {
        JsonNode seq = root.get("sequential");
        JsonNode par = root.get("spark");
        StringBuilder t = new StringBuilder();
        t.append("| sweep | wall time (s) | of which starting or reaching the cluster and its executors (s) |\n"
                + "|---|---:|---:|\n");
        t.append(String.format(Locale.ROOT, "| one after another, in-process | %.1f | – |%n",
                seq.get("wall_s").asDouble()));
        t.append(String.format(Locale.ROOT, "| --parallel %d, Spark | %.1f | %.1f |%n", root.get("parallel").asInt(),
                par.get("wall_s").asDouble(), par.get("connect_s").asDouble()));
        t.append(String.format(Locale.ROOT, "| **parallel / sequential** | **%.2f×** (target ≤ %.1f×: %s) | |%n%n",
                root.get("time_ratio").asDouble(), MAX_TIME_RATIO,
                root.get("target_met").asBoolean() ? "met" : "missed"));
        t.append("| trial | sweep | status | metrics | equal |\n|---|---|---|---|---|\n");
        for (JsonNode trial : root.get("trials")) {
            for (String side : new String[] {"sequential", "spark"}) {
                JsonNode r = trial.get(side);
                t.append("| ").append(trial.get("name").asText()).append(" | ").append(side).append(" | ")
                        .append(r.get("status").asText()).append(" | ").append(metrics(r.get("metrics")))
                        .append(" | ").append(trial.get("equal").asBoolean() ? "yes" : "**no**").append(" |\n");
            }
        }
        return t.toString();
    }

    /** The validation metrics, in full precision so that equal means bit for bit. */
    private static String metrics(JsonNode m) {
        StringBuilder s = new StringBuilder();
        m.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("val_")) {
                s.append(s.length() == 0 ? "" : ", ").append(e.getKey()).append(" ").append(e.getValue().asDouble());
            }
        });
        return s.toString();
    }

    private String markdown() {
        return "# A sweep on Spark: --parallel " + root.get("parallel").asInt() + " against one trial after another\n\n"
                + "Written by `" + root.get("command").asText() + "` (" + root.get("date").asText() + ").\n\n"
                + "- machine: " + root.get("machine").asText() + "\n"
                + "- load average (1, 5, 15 min) before: " + root.get("load_before").asText() + "; after: "
                + root.get("load_after").asText() + ". Other work on the machine slows both sweeps unevenly: read "
                + "the times as this machine's at that load, not as polyhead's\n"
                + "- sweep: `" + root.get("spec").asText() + "` with " + overrides() + "\n"
                + "- sequential: the trials one after another in the bench's own process (the usual `sweep`); "
                + "spark: the same sweep on polyhead's own Spark cluster on 127.0.0.1 (`sweep --parallel N`), one "
                + "trial per single-core executor with one OpenMP thread, timed as a user waits for it: from starting "
                + "(or reusing) the cluster and reaching its executors (the second column) to the last trial's end\n"
                + "- metrics: each trial's final metrics in both sweeps, which must be equal bit for bit (CPU, one "
                + "thread); all equal: " + (metricsEqual() ? "yes" : "**no**") + "\n\n"
                + table();
    }

    private String overrides() {
        StringBuilder s = new StringBuilder();
        root.get("overrides").forEach(o -> s.append(s.length() == 0 ? "" : ", ").append('`').append(o.asText())
                .append('`'));
        return s.toString();
    }

    /** {@code /proc/loadavg}'s three averages, or "unknown" off Linux. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    /** Whether each trial's metrics are equal in both sweeps, by trial name, for a message when some differ. */
    public Map<String, Boolean> equalByTrial() {
        Map<String, Boolean> out = new TreeMap<>();
        root.path("trials").forEach(t -> out.put(t.get("name").asText(), t.get("equal").asBoolean()));
        return out;
    }
}
