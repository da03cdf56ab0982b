package org.polyhead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory fields of this process's {@code /proc/self/status} (Linux), in megabytes: {@code VmRSS} (resident now) and
 * {@code VmHWM} (the peak resident set, heap and off-heap memory together).
 */
public final class ProcessStatus {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessStatus() {}

    /** The named kB fields in megabytes; a field the file lacks is absent. Throws where there is no such file. */
    public static Map<String, Double> megabytes(List<String> fields) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(STATUS)) {
            int colon = line.indexOf(':');
            if (colon > 0 && fields.contains(line.substring(0, colon))) {
                out.put(line.substring(0, colon), Long.parseLong(line.substring(colon + 1).trim().split("\\s+")[0])
                        / 1024.0);
            }
        }
        return out;
    }

    /** One field in megabytes, NaN when the file lacks it. */
    public static double megabytes(String field) throws IOException {
        return megabytes(List.of(field)).getOrDefault(field, Double.NaN);
    }
}
