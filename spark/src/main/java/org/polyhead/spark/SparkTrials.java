package org.polyhead.spark;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.polyhead.UserError;
import org.polyhead.run.TrialRunner;
import org.polyhead.spec.SpecLoader;
import org.polyhead.sweep.Trial;
import org.polyhead.sweep.TrialExecutor;
import org.polyhead.track.RunStatus;

/**
 * The driver's side of a sweep on Spark: one Spark job of one task per trial, so a trial that keeps failing aborts only
 * itself. Executors take one core and one task each ({@code spark.executor.cores=1}, {@code spark.task.cpus=1}), run
 * ND4J with one OpenMP thread and draw no progress bars; a lost task is retried up to {@code spark.task.maxFailures=3}
 * times, never speculatively (two copies of a trial would log into one run).
 */
public final class SparkTrials implements TrialExecutor {
    private final JavaSparkContext spark;
    private final TrialExecutor.Options options;
    private final int parallelism;
    private final Function<TrialJob, TrialOutcome> task;
    private final String clusterVersion;

    SparkTrials(SparkConf conf, TrialExecutor.Options options, int parallelism) {
        this(conf, options, parallelism, new TrialTask());
    }

    /**
     * Connects to the cluster, waits for its first executor and refuses one of another Spark version.
     *
     * @param task what an executor runs for one trial: {@link TrialTask} (tests wrap it, e.g. to make a trial fail)
     */
    SparkTrials(SparkConf conf, TrialExecutor.Options options, int parallelism, Function<TrialJob, TrialOutcome> task) {
        this.options = options;
        this.task = task;
        this.spark = new JavaSparkContext(conf);
        String master = conf.get("spark.master");
        try {
            Executors.await(spark, master, options.executorTimeout());
            this.clusterVersion = SparkVersions.check(spark, master);
        } catch (RuntimeException e) {
            spark.stop();
            throw e;
        }
        this.parallelism = parallelism > 0 ? parallelism
                : Math.max(1, spark.statusTracker().getExecutorInfos().length - 1);
    }

    /** The Spark version the cluster's executors run (checked to be the driver's). */
    String clusterVersion() {
        return clusterVersion;
    }

    /** The settings every polyhead job uses, whichever cluster runs it; {@code cores} 0 takes all it offers. */
    static SparkConf conf(String master, TrialExecutor.Options options, int cores) {
        refuseLoopbackTracking(master, options.tracker().uri());
        String home = options.home().toString();
        SparkConf conf = new SparkConf();
        if (cores > 0) {
            conf.set("spark.cores.max", Integer.toString(cores));
        }
        return conf.setMaster(master).setAppName("polyhead sweep")
                .set("spark.executor.cores", "1")
                .set("spark.task.cpus", "1")
                .set("spark.task.maxFailures", "3")
                .set("spark.speculation", "false")
                .set("spark.ui.enabled", "false")
                .set("spark.executor.memory", "2g")
                .set("spark.executorEnv.OMP_NUM_THREADS", "1")
                .set("spark.executorEnv.POLYHEAD_QUIET", "1")
                .set("spark.executorEnv.POLYHEAD_HOME", home)
                .set("spark.executorEnv.DJL_CACHE_DIR", options.home().resolve(".polyhead/djl").toString())
                .set("spark.executor.extraJavaOptions", "-Xmn16m -Dai.djl.offline=true -Dpolyhead.home=" + home
                        + " -Dorg.bytedeco.javacpp.cachedir=" + options.home().resolve(".polyhead/javacpp"));
    }

    /** Executors log straight to the tracking server: one on the driver's loopback is out of reach elsewhere. */
    static void refuseLoopbackTracking(String master, String trackingUri) {
        if (master.startsWith("local") || loopback(hostOf(master))) {
            return;
        }
        if (loopback(hostOf(trackingUri))) {
            throw new UserError("MLFLOW_TRACKING_URI=" + trackingUri + " is a loopback address, which the workers of "
                    + master + " cannot reach: set it to an address every worker reaches");
        }
    }

    private static String hostOf(String uri) {
        String host = URI.create(uri.replaceFirst("^spark://", "http://")).getHost();
        return host == null ? "" : host;
    }

    private static boolean loopback(String host) {
        if (host.isEmpty() || host.equals("localhost")) {
            return host.equals("localhost");
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public TrialRunner.Result run(SpecLoader.Resolved trial, Trial plan, String runId) {
        TrialJob job = new TrialJob(trial.yaml(), plan.name(), runId, options.tracker().uri(),
                options.home().toString(), options.checkpointDir().toString());
        spark.setJobDescription("trial " + plan.name() + " (run " + runId + ")");
        try {
            List<TrialOutcome> out = spark.parallelize(List.of(job), 1).map(task).collect();
            return out.get(0).result();
        } catch (Exception e) {  // a job Spark aborts throws SparkException, a checked exception Scala does not declare
            return failed(plan, runId, e);
        }
    }

    /** Spark gave up on the trial: its run ends FAILED with the task's last error, and the sweep goes on. */
    private TrialRunner.Result failed(Trial plan, String runId, Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                .orElse("").replaceFirst("^Job aborted due to stage failure: ", "");
        options.tracker().reopen(runId).fail(reason);
        System.err.println("polyhead: trial '" + plan.name() + "' failed: " + reason);
        return new TrialRunner.Result(runId, RunStatus.FAILED, Map.of(), reason);
    }

    @Override
    public Path runDir(String runId) {
        return TrialTask.workDir(options.checkpointDir(), runId).resolve(runId);
    }

    @Override
    public void close() {
        spark.stop();
    }
}
