package org.polyhead.spark;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.polyhead.UserError;

/**
 * The driver and the cluster must run one Spark version: a task is serialized against the driver's Spark classes and
 * read back by the executor's, and the two differ between versions (at best an {@code InvalidClassException} deep in a
 * trial, at worst a master that never answers). Once the first executor has registered, a probe task asks it which
 * Spark it runs, and a sweep on a cluster of another version stops with one line before any trial starts.
 */
final class SparkVersions {
    private SparkVersions() {}

    /** The Spark version on this process's class path (the driver's: 4.2.0, which the {@code spark} module pins). */
    static String running() {
        return org.apache.spark.package$.MODULE$.SPARK_VERSION();
    }

    /** The Spark version an executor of {@code spark}'s cluster runs, as a one-task job finds it there. */
    static String ofCluster(JavaSparkContext spark, String master) {
        spark.setJobDescription("polyhead: which Spark the executors run");
        try {
            return spark.parallelize(List.of(0), 1).map(i -> SparkVersions.running()).collect().get(0);
        } catch (Exception e) {  // SparkException is checked, and Scala does not declare it
            String why = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse("");
            throw new UserError("a first task on " + master + " failed (" + why + "): do its workers run Spark "
                    + running() + " on Java 17, as polyhead's driver does?");
        }
    }

    /** Refuses a cluster whose executors run another Spark than the driver; a local master is the driver itself. */
    static String check(JavaSparkContext spark, String master) {
        if (master.startsWith("local")) {
            return running();
        }
        String cluster = ofCluster(spark, master);
        String mismatch = mismatch(running(), cluster, master);
        if (mismatch != null) {
            throw new UserError(mismatch);
        }
        return cluster;
    }

    /** The one-line refusal when the versions differ, else null. */
    static String mismatch(String driver, String cluster, String master) {
        if (driver.equals(cluster)) {
            return null;
        }
        return "the Spark cluster at " + master + " runs Spark " + cluster + " but polyhead's driver runs Spark "
                + driver + ": use a Spark " + driver + " cluster (or `sweep --parallel N` for polyhead's own)";
    }
}
