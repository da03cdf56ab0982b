package org.polyhead.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a command runs on, as a report states it (CPU model, cores, OpenMP threads). */
public final class Hardware {
    private Hardware() {}

    public static String describe() {
        return cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available, OMP_NUM_THREADS="
                + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version");
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
