package org.polyhead.spark;

import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.polyhead.sweep.TrialExecutor;

/**
 * Opens a sweep's {@link SparkTrials}: on polyhead's own {@link LocalCluster} with {@code --parallel N} cores (started
 * or reused), or on a user's cluster ({@code --master}), whose workers get polyhead's jars from the driver.
 */
public final class SparkExecutorFactory implements TrialExecutor.Factory {

    @Override
    public TrialExecutor open(TrialExecutor.Options options) {
        if (options.master() == null) {
            LocalCluster.State cluster = new LocalCluster(options.home()).start(options.parallel());
            System.err.println("polyhead: Spark master at " + cluster.masterUrl() + " (" + cluster.cores()
                    + " cores; ./polyhead spark stop ends it)");
            SparkConf conf = SparkTrials.conf(cluster.masterUrl(), options, options.parallel())
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.executor.extraClassPath", SparkHome.executorClassPath());
            return new SparkTrials(conf, options, options.parallel());
        }
        if (!options.master().startsWith("spark://") && !options.master().startsWith("local")) {
            throw new org.polyhead.UserError("--master: expected spark://HOST:PORT, got " + options.master());
        }
        int cores = options.parallel() > 1 ? options.parallel() : 0;  // 0: as many trials as executors at start
        SparkConf conf = SparkTrials.conf(options.master(), options, cores)
                .setJars(SparkHome.classPath().stream().map(Path::toString)
                        .filter(p -> p.endsWith(".jar") && !Path.of(p).getFileName().toString().startsWith("spark-"))
                        .toArray(String[]::new));  // every worker has Spark's own jars
        return new SparkTrials(conf, options, cores);
    }
}
