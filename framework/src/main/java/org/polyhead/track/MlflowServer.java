package org.polyhead.track;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.polyhead.StateDir;
import org.polyhead.UserError;

/**
 * A local MLflow tracking server run from the project's {@code .venv}: sqlite backend and served artifacts under
 * {@code .polyhead/}, bound to 127.0.0.1 on a free (or requested) port. Its pid and URL are kept in
 * {@code .polyhead/mlflow.url} / {@code mlflow.pid} so that later commands reuse it.
 */
public final class MlflowServer {
    // a cold server imports all of mlflow: MLflow 3.17.2 took 20 s on an idle 2-core machine and 5 min 6 s on the same
    // machine at load average 18 (four test suites at once)
    private static final Duration START_TIMEOUT = Duration.ofSeconds(600);
    /** How long {@link #stop} waits for a process to exit after SIGTERM before it kills it. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    // a refused connection fails at once; a live MLflow 3 server (one uvicorn worker) busy with another client's
    // requests took over 3 s to answer /health at load average 20, and was then taken for unreachable
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);
    private final Path home;
    private final Path state;

    public MlflowServer(Path home, Path state) {
        this.home = home;
        this.state = state;
    }

    /** The project's server: state in its {@link StateDir} ({@code <home>/.polyhead} unless moved). */
    public static MlflowServer ofProject(Path home) {
        return new MlflowServer(home, StateDir.of(home));
    }

    /** The URL of the live server, if one is running. */
    public Optional<String> running() {
        try {
            Path urlFile = state.resolve("mlflow.url");
            if (!Files.exists(urlFile)) {
                return Optional.empty();
            }
            String url = Files.readString(urlFile).trim();
            return healthy(url) ? Optional.of(url) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts a server (or reuses the live one) and returns its URL. {@code port} 0 picks a free port; another port
     * than the live server's is refused rather than answered with the live server's address.
     */
    public String start(int port) {
        Optional<String> live = running();
        if (live.isPresent()) {
            if (port != 0 && !live.get().endsWith(":" + port)) {
                throw new UserError("this project's MLflow server is already running at " + live.get()
                        + ", not on port " + port + "; stop it first (./polyhead mlflow stop) or omit --port");
            }
            return live.get();
        }
        Path mlflow = home.resolve(".venv/bin/mlflow");
        if (!Files.isExecutable(mlflow)) {
            throw new UserError("MLflow is not installed at " + mlflow + " (run ./polyhead, which installs .venv)");
        }
        int p = port == 0 ? freePort() : checkFree(port);
        String url = "http://127.0.0.1:" + p;
        try {
            Files.createDirectories(state.resolve("mlartifacts"));
            upgradeSchema(mlflow);
            List<String> cmd = new ArrayList<>(List.of(mlflow.toString(), "server",
                    "--backend-store-uri", backendUri(),
                    "--serve-artifacts", "--artifacts-destination", state.toAbsolutePath().resolve("mlartifacts").toString(),
                    "--host", "127.0.0.1", "--port", Integer.toString(p), "--workers", "1"));
            Path log = state.resolve("mlflow.log");
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // MLflow 3 otherwise starts seven huey job consumers (≈ 230 MB resident each, busy while they import
            // MLflow) for its GenAI jobs, which polyhead never submits: see docs/mlflow.md
            builder.environment().put("MLFLOW_SERVER_ENABLE_JOB_EXECUTION", "false");
            Process proc = builder.start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!apiReady(url)) {
                if (!proc.isAlive() || System.nanoTime() > deadline) {
                    proc.destroy();
                    throw new UserError("MLflow server did not start on " + url + "; last lines of " + log + ":\n"
                            + tail(log, 15));
                }
                Thread.sleep(300);
            }
            Files.writeString(state.resolve("mlflow.url"), url + "\n");
            Files.writeString(state.resolve("mlflow.pid"), proc.pid() + "\n");
            return url;
        } catch (IOException e) {
            throw new UserError("cannot start MLflow: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while starting MLflow");
        }
    }

    /**
     * Stops the server this project started and returns once its processes have exited (a worker told to stop still
     * answered requests for a moment, so a client could log to a server already "stopped"); returns false if none was
     * running.
     */
    public boolean stop() {
        try {
            Path pidFile = state.resolve("mlflow.pid");
            if (!Files.exists(pidFile)) {
                return false;
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            boolean was = h.isPresent() && h.get().isAlive();
            h.ifPresent(ph -> {
                List<ProcessHandle> all = new ArrayList<>(ph.descendants().toList());
                all.add(ph);
                all.forEach(ProcessHandle::destroy);
                for (ProcessHandle p : all) {
                    try {
                        p.onExit().get(STOP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        p.destroyForcibly();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
            Files.deleteIfExists(pidFile);
            Files.deleteIfExists(state.resolve("mlflow.url"));
            return was;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /**
     * Creates (or migrates) the sqlite schema before the server starts: MLflow 3 workers started on a fresh file race
     * to create it ("malformed database schema", "disk I/O error"), and a database written by MLflow 2 must be
     * migrated before an MLflow 3 server opens it.
     */
    private void upgradeSchema(Path mlflow) throws IOException, InterruptedException {
        Path log = state.resolve("mlflow.log");
        Process p = new ProcessBuilder(mlflow.toString(), "db", "upgrade", backendUri()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(START_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroy();
            throw new UserError("mlflow db upgrade " + backendUri() + " failed; last lines of " + log + ":\n"
                    + tail(log, 15));
        }
    }

    private String backendUri() {
        return "sqlite:///" + state.toAbsolutePath().resolve("mlflow.db");
    }

    /**
     * Whether the REST API answers: MLflow 3 answers {@code /health} before its tracking API is ready, so a server
     * counts as started only once a real search request succeeds.
     */
    public static boolean apiReady(String url) {
        return get(url + "/api/2.0/mlflow/experiments/search?max_results=1");
    }

    public static boolean healthy(String url) {
        return get(url + "/health");
    }

    private static boolean get(String address) {
        try {
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create(address)).timeout(ANSWER_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UserError("no free port on 127.0.0.1: " + e.getMessage());
        }
    }

    private static int checkFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 0, java.net.InetAddress.getLoopbackAddress())) {
            return port;
        } catch (IOException e) {
            throw new UserError("port " + port + " on 127.0.0.1 is in use; pick another with --port or omit it");
        }
    }

    private static String tail(Path log, int n) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
