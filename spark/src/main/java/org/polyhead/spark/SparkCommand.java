package org.polyhead.spark;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code polyhead spark start|stop|status}: polyhead's own Spark standalone cluster on 127.0.0.1. */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = "Start, stop or show polyhead's Spark standalone cluster (one master, one worker, 127.0.0.1) "
                + "that `sweep --parallel N` uses.")
public final class SparkCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACTION", description = "start, stop or status")
    Action action;

    @Option(names = "--cores", paramLabel = "N", description = "the worker's cores for `start` (default: 2)")
    int cores = 2;

    enum Action { start, stop, status }

    private final Path home;

    public SparkCommand(Path home) {
        this.home = home;
    }

    @Override
    public Integer call() {
        LocalCluster cluster = LocalCluster.ofProject(home);
        switch (action) {
            case start -> {
                if (cores < 1) {
                    throw new org.polyhead.UserError("--cores: must be at least 1, got " + cores);
                }
                LocalCluster.State s = cluster.start(cores);
                System.out.println("Spark master at " + s.masterUrl() + ", worker with " + s.cores()
                        + " cores (pids " + s.masterPid() + ", " + s.workerPid() + ")");
            }
            case stop -> System.out.println(cluster.stop() ? "stopped" : "no polyhead Spark cluster running");
            case status -> System.out.println(cluster.status().map(s -> "running: " + s.masterUrl() + ", "
                    + s.cores() + " cores (pids " + s.masterPid() + ", " + s.workerPid() + ")").orElse("not running"));
        }
        return 0;
    }
}
