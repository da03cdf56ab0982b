package org.polyhead.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Wall and process-CPU milliseconds of each measured repetition. CPU time (all threads of the process: the JIT
 * compiler's and the GC's too) is the steadier figure on a shared machine.
 */
public record Samples(List<Double> wallMs, List<Double> cpuMs) {
    /** {@code reps} timed runs of {@code step} after {@code warmup} unmeasured ones. */
    public static Samples of(Runnable step, int warmup, int reps) {
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < reps; i++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            step.run();
            wall.add((System.nanoTime() - t0) / 1e6);
            cpu.add((os.getProcessCpuTime() - c0) / 1e6);
        }
        return new Samples(wall, cpu);
    }

    /** The samples a side printed under {@code key} ({@code <key>_samples_ms}, {@code <key>_cpu_samples_ms}). */
    public static Samples read(JsonNode side, String key) {
        return new Samples(list(side.get(key + "_samples_ms")), list(side.get(key + "_cpu_samples_ms")));
    }

    public Samples plus(Samples other) {
        List<Double> wall = new ArrayList<>(wallMs);
        wall.addAll(other.wallMs);
        List<Double> cpu = new ArrayList<>(cpuMs);
        cpu.addAll(other.cpuMs);
        return new Samples(wall, cpu);
    }

    /** Writes the medians as {@code <key>_ms} and {@code <key>_cpu_ms}, and every sample beside them. */
    public void put(ObjectNode out, String key) {
        out.put(key + "_ms", median(wallMs));
        out.put(key + "_cpu_ms", median(cpuMs));
        ArrayNode w = out.putArray(key + "_samples_ms");
        wallMs.forEach(w::add);
        ArrayNode c = out.putArray(key + "_cpu_samples_ms");
        cpuMs.forEach(c::add);
    }

    static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static List<Double> list(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new IllegalStateException("a bench side printed no samples array");
        }
        List<Double> xs = new ArrayList<>();
        array.forEach(x -> xs.add(x.asDouble()));
        return xs;
    }
}
