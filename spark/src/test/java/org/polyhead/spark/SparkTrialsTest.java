package org.polyhead.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.polyhead.UserError;
import org.polyhead.run.TrialRunner;
import org.polyhead.track.RunStatus;

/** What the driver decides before any cluster exists, and what crosses Spark between executor and driver. */
class SparkTrialsTest {

    @Test
    void aLoopbackTrackingUriIsRefusedOnlyForARemoteMaster() {
        UserError e = assertThrows(UserError.class,
                () -> SparkTrials.refuseLoopbackTracking("spark://10.1.2.3:7077", "http://127.0.0.1:5000"));
        assertTrue(e.getMessage().startsWith("MLFLOW_TRACKING_URI=http://127.0.0.1:5000 is a loopback address"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
        assertThrows(UserError.class,
                () -> SparkTrials.refuseLoopbackTracking("spark://10.1.2.3:7077", "http://localhost:5000"));
        assertDoesNotThrow(() -> SparkTrials.refuseLoopbackTracking("spark://127.0.0.1:7077", "http://127.0.0.1:1"));
        assertDoesNotThrow(() -> SparkTrials.refuseLoopbackTracking("local[2]", "http://127.0.0.1:1"));
        assertDoesNotThrow(() -> SparkTrials.refuseLoopbackTracking("spark://10.1.2.3:7077", "http://10.1.2.4:5000"));
    }

    /** A trial's result is built in an executor and read on the driver: it must survive Spark's serialization. */
    @Test
    void aTrialsResultCrossesASparkJobIntact() {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("polyhead-test").set("spark.ui.enabled",
                "false").set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            List<TrialOutcome> back = spark.parallelize(List.of("a", "b"), 2)
                    .map(id -> TrialOutcome.of(new TrialRunner.Result(id, RunStatus.FINISHED,
                            Map.of("val_acc_party", 0.625, "val_loss_era", 1.0 / 3), null)))
                    .collect();
            assertEquals(2, back.size());
            TrialRunner.Result r = back.get(1).result();
            assertEquals("b", r.runId());
            assertEquals(RunStatus.FINISHED, r.status());
            assertEquals(new HashMap<>(Map.of("val_acc_party", 0.625, "val_loss_era", 1.0 / 3)),
                    new HashMap<>(r.metrics()), "bit for bit");
        }
    }
}
