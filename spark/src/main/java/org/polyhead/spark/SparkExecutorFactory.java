package org.polyhead.spark;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.polyhead.UserError;
import org.polyhead.sweep.TrialExecutor;

/**
 * Opens a sweep's {@link SparkTrials}: on polyhead's own {@link LocalCluster} with {@code --parallel N} cores (started
 * or reused), or on a user's cluster ({@code --master}). Executors on this machine read polyhead's class path where it
 * lies; a remote cluster's workers get polyhead's jars from the driver ({@code spark.jars}).
 */
public final class SparkExecutorFactory implements TrialExecutor.Factory {

    @Override
    public TrialExecutor open(TrialExecutor.Options options) {
        String master = options.master();
        int cores = options.parallel() > 1 ? options.parallel() : 0;  // 0: as many trials as executors at start
        if (master == null) {
            LocalCluster.State cluster = LocalCluster.ofProject(options.home()).start(options.parallel());
            System.err.println("polyhead: Spark master at " + cluster.masterUrl() + " (" + cluster.cores()
                    + " cores; ./polyhead spark stop ends it)");
            master = cluster.masterUrl();
            cores = options.parallel();
        } else if (!master.startsWith("spark://") && !master.startsWith("local")) {
            throw new UserError("--master: expected spark://HOST:PORT, got " + master);
        }
        return new SparkTrials(conf(master, options, cores), options, cores);
    }

    static SparkConf conf(String master, TrialExecutor.Options options, int cores) {
        SparkConf conf = SparkTrials.conf(master, options, cores);
        if (master.startsWith("local") || onThisMachine(master)) {
            return conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.executor.extraClassPath", SparkHome.executorClassPath());
        }
        return conf.setJars(SparkHome.classPath().stream().map(Path::toString)
                .filter(p -> p.endsWith(".jar") && !Path.of(p).getFileName().toString().startsWith("spark-"))
                .toArray(String[]::new));  // every worker has Spark's own jars
    }

    private static boolean onThisMachine(String master) {
        try {
            return InetAddress.getByName(URI.create(master.replaceFirst("^spark://", "http://")).getHost())
                    .isLoopbackAddress();
        } catch (UnknownHostException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
