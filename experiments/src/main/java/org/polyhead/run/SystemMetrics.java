package org.polyhead.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.polyhead.ProcessStatus;

/**
 * The trial process's resource use, logged under {@code system/} (MLflow's "System metrics" tab) at the global step:
 * at the first step, at most once per {@code every} nanoseconds of wall time between, and at the end of each epoch,
 * so that a run shows whether memory stays flat from epoch to epoch. Sampled on the training thread, between steps:
 * nothing runs beside training. Names: {@code system/process_cpu_percent} (process CPU time over wall time since the
 * last sample: 100 is one core busy), {@code system/process_rss_megabytes} and {@code system/process_peak_rss_megabytes}
 * (resident memory now and at its peak, Linux {@code /proc/self/status}), {@code system/jvm_heap_megabytes} (Java heap
 * in use) and {@code system/native_megabytes} (the resident set less the heap in use: mostly ND4J's arrays, which
 * libnd4j allocates itself, so neither JavaCPP's counter nor ND4J's allocation tracker sees them, and the allocator's
 * retained pages; also the JVM's own memory; Linux only).
 */
final class SystemMetrics implements TrainingListener {
    static final String PREFIX = "system/";
    static final long EVERY = 10_000_000_000L;
    private static final double MB = 1024.0 * 1024.0;

    private final long every;
    private final LongSupplier clock;
    private long lastWall = Long.MIN_VALUE;
    private long lastCpu;

    SystemMetrics(long everyNanos, LongSupplier clock) {
        this.every = everyNanos;
        this.clock = clock;
    }

    static SystemMetrics every10s() {
        return new SystemMetrics(EVERY, System::nanoTime);
    }

    @Override
    public void onStep(TrainingState state, Map<String, Double> losses) {
        if (due()) {
            log(state);
        }
    }

    /** Whether a step should sample: the first one, or {@code every} since the last sample. */
    boolean due() {
        return lastWall == Long.MIN_VALUE || clock.getAsLong() - lastWall >= every;
    }

    @Override
    public void onEpoch(TrainingState state, Map<String, Double> metrics) {
        log(state);
    }

    private void log(TrainingState state) {
        state.run().logMetrics(sample(), state.step());
    }

    /** One sample; the CPU share is over the time since the previous sample (none at the first). */
    Map<String, Double> sample() {
        long wall = clock.getAsLong();
        long cpu = processCpuNanos();
        Map<String, Double> m = new LinkedHashMap<>();
        if (lastWall != Long.MIN_VALUE && wall > lastWall && cpu >= 0) {
            m.put(PREFIX + "process_cpu_percent", 100.0 * (cpu - lastCpu) / (wall - lastWall));
        }
        lastWall = wall;
        lastCpu = cpu;
        Map<String, Double> status = memory();
        if (status.containsKey("VmRSS")) {
            m.put(PREFIX + "process_rss_megabytes", status.get("VmRSS"));
        }
        if (status.containsKey("VmHWM")) {
            m.put(PREFIX + "process_peak_rss_megabytes", status.get("VmHWM"));
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        m.put(PREFIX + "jvm_heap_megabytes", heap.getUsed() / MB);
        if (status.containsKey("VmRSS")) {
            m.put(PREFIX + "native_megabytes", Math.max(0, status.get("VmRSS") - heap.getUsed() / MB));
        }
        return m;
    }

    /** VmRSS and VmHWM in megabytes; none where there is no {@code /proc/self/status} (not Linux). */
    static Map<String, Double> memory() {
        try {
            return ProcessStatus.megabytes(List.of("VmRSS", "VmHWM"));
        } catch (IOException | NumberFormatException e) {
            return Map.of();
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
