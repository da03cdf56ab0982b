package org.polyhead.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.StateDir;
import org.polyhead.UserError;

/**
 * Commands started at the same time against one real MLflow server: experiment creation that loses the race to
 * another process finds the winner's experiment, and {@code mlflow start --port N} refuses when the project's server
 * already runs on another port instead of answering with that server's address.
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class ConcurrentStartIntegrationTest {

    @Test
    void creatingAnExperimentAnotherProcessJustCreatedFindsIt(@TempDir Path tmp) {
        String name = "created-elsewhere-" + System.nanoTime();
        String id = new MlflowClient(MlflowServerExtension.url()).createExperiment(name);
        try (MlflowTracker tracker = new MlflowTracker(MlflowServerExtension.url(), tmp, Duration.ofSeconds(10))) {
            assertEquals(id, tracker.createOrFind(name));
        }
    }

    @Test
    void runsStartedAtOnceInANewExperimentAllStartInIt(@TempDir Path tmp) throws Exception {
        String name = "raced-" + System.nanoTime();
        int n = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<String>> experiments = new ArrayList<>();
        try (MlflowTracker tracker = new MlflowTracker(MlflowServerExtension.url(), tmp, Duration.ofSeconds(30))) {
            for (int i = 0; i < n; i++) {
                int k = i;
                experiments.add(pool.submit(() -> {
                    go.await();
                    TrackedRun run = tracker.startRun(name, "racer-" + k, null, Map.of());
                    run.end(RunStatus.FINISHED);
                    return run.experimentId();
                }));
            }
            go.countDown();
            Set<String> ids = new HashSet<>();
            for (Future<String> f : experiments) {
                ids.add(f.get());
            }
            assertEquals(1, ids.size(), "one experiment");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void startOnAnotherPortThanTheRunningServerIsRefused(@TempDir Path home) throws Exception {
        Files.createSymbolicLink(home.resolve(".venv"), MlflowServerExtension.projectHome().resolve(".venv"));
        MlflowServer server = MlflowServer.ofProject(home);
        String url = server.start(0);
        try {
            int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
            UserError e = assertThrows(UserError.class, () -> server.start(port == 65000 ? 65001 : 65000));
            assertTrue(e.getMessage().startsWith("this project's MLflow server is already running at " + url),
                    e.getMessage());
            assertEquals(url, server.start(port), "its own port is the running server");
            long pid = Long.parseLong(Files.readString(StateDir.of(home).resolve("mlflow.pid")).trim());
            List<String> jobs = ProcessHandle.of(pid).orElseThrow().descendants()
                    .map(p -> p.info().commandLine().orElse("")).filter(c -> c.contains("huey")).toList();
            assertEquals(List.of(), jobs, "no MLflow job consumers (MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false)");
        } finally {
            server.stop();
        }
    }
}
