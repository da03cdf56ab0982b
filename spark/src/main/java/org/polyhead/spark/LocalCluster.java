package org.polyhead.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.polyhead.UserError;

/**
 * polyhead's own Spark standalone cluster on 127.0.0.1: one master and one worker with N cores, started as plain java
 * processes from the jars on this process's class path (the ones Maven resolved for the {@code spark} module), with
 * REST submission off. Their PIDs, ports and core count are kept in {@code <home>/.polyhead/spark/cluster.properties};
 * a later command reuses them, {@link #stop} ends them by PID.
 */
public final class LocalCluster {
    private static final String HOST = "127.0.0.1";
    /** How long a master or worker JVM may take to open its port: generous, for a loaded 2-core machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Path dir;

    /** A running cluster: its master's URL, its worker's cores and both processes. */
    public record State(String masterUrl, int cores, long masterPid, long workerPid, int workerUiPort) {
        public boolean alive() {
            return ProcessHandle.of(masterPid).map(ProcessHandle::isAlive).orElse(false)
                    && ProcessHandle.of(workerPid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** @param dir where the cluster keeps its state, logs, Spark home and work folders */
    public LocalCluster(Path dir) {
        this.dir = dir;
    }

    /** The project's cluster: {@code <home>/.polyhead/spark}. */
    public static LocalCluster ofProject(Path home) {
        return new LocalCluster(home.resolve(".polyhead/spark"));
    }

    /** The running cluster, if its master and worker are both alive. */
    public Optional<State> status() {
        Path file = dir.resolve("cluster.properties");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        State s = new State(p.getProperty("master"), Integer.parseInt(p.getProperty("cores")),
                Long.parseLong(p.getProperty("master.pid")), Long.parseLong(p.getProperty("worker.pid")),
                Integer.parseInt(p.getProperty("worker.ui.port", "0")));
        return s.alive() ? Optional.of(s) : Optional.empty();
    }

    /** Reuses the running cluster if it has {@code cores} cores, else (re)starts it. */
    public State start(int cores) {
        Optional<State> running = status();
        if (running.isPresent() && running.get().cores() == cores) {
            return running.get();
        }
        stop();
        try {
            Files.createDirectories(dir);
            Path sparkHome = SparkHome.of(dir.resolve("home"));
            int masterPort = freePort();
            Process master = launch(sparkHome, "master", List.of("org.apache.spark.deploy.master.Master",
                    "--host", HOST, "--port", Integer.toString(masterPort), "--webui-port",
                    Integer.toString(freePort())));
            awaitPort(master, masterPort, "master");
            return startWorker(new State("spark://" + HOST + ":" + masterPort, cores, master.pid(), -1, 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Spark cluster under " + dir, e);
        }
    }

    /** Starts a worker for the cluster's master (its first, or one in place of a worker that was lost). */
    public State startWorker(State cluster) {
        try {
            int workerUi = freePort();
            Process worker = launch(dir.resolve("home"), "worker", List.of("org.apache.spark.deploy.worker.Worker",
                    "--host", HOST, "--cores", Integer.toString(cluster.cores()), "--memory",
                    (2 * cluster.cores() + 1) + "g", "--webui-port", Integer.toString(workerUi), "--work-dir",
                    dir.resolve("work").toString(), cluster.masterUrl()));
            State state = new State(cluster.masterUrl(), cluster.cores(), cluster.masterPid(), worker.pid(), workerUi);
            save(state);
            awaitPort(worker, workerUi, "worker");
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a Spark worker under " + dir, e);
        }
    }

    /** Ends the worker, then the master, by PID. */
    public boolean stop() {
        Path file = dir.resolve("cluster.properties");
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            return false;
        }
        boolean any = false;
        for (String key : List.of("worker.pid", "master.pid")) {
            Optional<ProcessHandle> h = ProcessHandle.of(Long.parseLong(p.getProperty(key, "-1")));
            if (h.isPresent() && h.get().isAlive()) {
                end(h.get());
                any = true;
            }
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale file names dead processes: status() treats it as no cluster
        }
        return any;
    }

    /** Ends a process and the executors it started (a worker's children), by PID. */
    static void end(ProcessHandle h) {
        List<ProcessHandle> children = h.descendants().toList();
        h.destroy();
        try {
            h.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            h.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private void save(State s) throws IOException {
        Properties p = new Properties();
        p.setProperty("master", s.masterUrl());
        p.setProperty("cores", Integer.toString(s.cores()));
        p.setProperty("master.pid", Long.toString(s.masterPid()));
        p.setProperty("worker.pid", Long.toString(s.workerPid()));
        p.setProperty("worker.ui.port", Integer.toString(s.workerUiPort()));
        try (var out = Files.newBufferedWriter(dir.resolve("cluster.properties"))) {
            p.store(out, "polyhead's Spark cluster on " + HOST);
        }
    }

    /** A master or worker JVM, its output in {@code .polyhead/spark/<role>.log}. */
    private Process launch(Path sparkHome, String role, List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-cp",
                sparkHome.resolve("jars") + File.separator + "*", "-Dspark.master.rest.enabled=false"));
        cmd.addAll(SparkHome.JAVA_OPTIONS);
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(role + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", HOST);
        return pb.start();
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private void awaitPort(Process p, int port, String role) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new UserError("the Spark " + role + " exited at start; see " + dir.resolve(role + ".log"));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 500);
                return;
            } catch (IOException e) {
                sleep();
            }
        }
        throw new UserError("the Spark " + role + " did not open port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s; see " + dir.resolve(role + ".log"));
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while starting the Spark cluster");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }
}
