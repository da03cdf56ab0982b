package org.polyhead.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The driver's Spark and the comparison with a cluster's (the real cluster's answer: SparkSweepIntegrationTest). */
class SparkVersionsTest {

    @Test
    void theDriverRunsTheSparkTheModulePins() {
        assertEquals("4.2.0", SparkVersions.running());
    }

    @Test
    void anotherSparkOnTheClusterIsRefusedInOneLineNamingBothVersions() {
        String refusal = SparkVersions.mismatch("4.2.0", "3.5.1", "spark://10.1.2.3:7077");
        assertEquals("the Spark cluster at spark://10.1.2.3:7077 runs Spark 3.5.1 but polyhead's driver runs Spark "
                + "4.2.0: use a Spark 4.2.0 cluster (or `sweep --parallel N` for polyhead's own)", refusal);
        assertEquals(1, refusal.lines().count());
        assertEquals("the Spark cluster at spark://h:7077 runs Spark 4.2.1 but polyhead's driver runs Spark 4.2.0: "
                + "use a Spark 4.2.0 cluster (or `sweep --parallel N` for polyhead's own)",
                SparkVersions.mismatch("4.2.0", "4.2.1", "spark://h:7077"), "a patch release differs too");
    }

    @Test
    void theSameSparkIsAccepted() {
        assertNull(SparkVersions.mismatch("4.2.0", "4.2.0", "spark://127.0.0.1:7077"));
    }
}
