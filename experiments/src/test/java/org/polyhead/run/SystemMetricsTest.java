package org.polyhead.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Resource samples of the trial process: what they hold, and that steps between samples are left alone. */
class SystemMetricsTest {

    @Test
    void samplesMemoryAlwaysAndCpuFromTheSecondSampleOnAndOnlyEveryInterval() {
        AtomicLong now = new AtomicLong(1_000);
        SystemMetrics system = new SystemMetrics(10, now::get);
        assertTrue(system.due(), "the first step samples");
        Map<String, Double> first = system.sample();
        assertFalse(first.containsKey("system/process_cpu_percent"), "no interval yet: " + first);
        assertTrue(first.get("system/jvm_heap_megabytes") > 0, first.toString());
        if (!SystemMetrics.memory().isEmpty()) {
            assertTrue(first.get("system/process_rss_megabytes") > 0, first.toString());
            // this JVM's ND4J arrays and the JVM itself live outside the heap: never 0 (JavaCPP's counter read 0)
            assertTrue(first.get("system/native_megabytes") > 0, first.toString());
            assertTrue(first.get("system/native_megabytes") < first.get("system/process_rss_megabytes"),
                    first.toString());
            assertTrue(first.get("system/process_peak_rss_megabytes") >= first.get("system/process_rss_megabytes"),
                    first.toString());
        }
        now.addAndGet(9);
        assertFalse(system.due(), "9 ns after a sample, with one every 10 ns");
        now.addAndGet(1);
        assertTrue(system.due());
        long spin = System.nanoTime();
        double x = 0;
        while (System.nanoTime() - spin < 20_000_000L) {
            x += Math.sqrt(x + 1);  // some CPU time for the next sample to count
        }
        now.addAndGet(1_000_000_000L);
        Map<String, Double> second = system.sample();
        assertTrue(second.get("system/process_cpu_percent") > 0, second + " after spinning " + x);
        assertEquals(first.keySet().size() + 1, second.size(), second.toString());
    }
}
