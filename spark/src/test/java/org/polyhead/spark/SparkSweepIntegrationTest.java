package org.polyhead.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.UserError;
import org.polyhead.cli.SweepCommand;
import org.polyhead.run.TrialRunner;
import org.polyhead.spec.SpecLoader;
import org.polyhead.sweep.SweepRunner;
import org.polyhead.sweep.TrialExecutor;
import org.polyhead.task.TaskData;
import org.polyhead.track.MlflowServerExtension;
import org.polyhead.track.MlflowTracker;
import org.polyhead.track.RunStatus;
import org.polyhead.track.Tags;

/**
 * A real Spark standalone master and worker on 127.0.0.1 (free ports, REST submission off) run a 2-trial sweep of a
 * tiny encoder on State of the Union passages against a real MLflow server: every trial FINISHED once under one parent,
 * each metric step logged once, the metrics equal, bit for bit, those of the same sweep run in this process, and the
 * same trial's model logged as the best. A trial that always throws ends FAILED after Spark's retries while the other
 * finishes. The master and worker (and the executors the worker started) are stopped by PID.
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class SparkSweepIntegrationTest {
    private static final String SPEC = """
            name: spark-it
            data: {name: sotu, max_records: 120, validation: 0.25, max_length: 24}
            encoder: {layers: 1, hidden: 16, heads: 2, intermediate: 32, dropout: 0.1}
            model: {pooling: mean, heads: separate}
            groups: [{name: party}, {name: era}]
            loss: {pi: 0.5}
            training: {epochs: 2, batch_size: 16, lr: 0.003, seed: 3}
            sweep:
              grid:
                loss.pi: [0.25, 0.75]
            """;

    @TempDir
    static Path tmp;
    private static LocalCluster cluster;
    private static LocalCluster.State state;
    private static final List<Long> PIDS = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        cluster = new LocalCluster(tmp.resolve("cluster"));
        state = cluster.start(2);
        PIDS.addAll(List.of(state.masterPid(), state.workerPid()));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.stop();
            for (long pid : PIDS) {
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid);
            }
        }
    }

    @Test
    void aSweepOnTheClusterFinishesEveryTrialOnceWithTheSequentialMetrics() throws Exception {
        Path home = MlflowServerExtension.projectHome();
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("spec.yaml"), SPEC), List.of());
        SweepRunner.Outcome onSpark;
        SweepRunner.Outcome inProcess;
        String clusterVersion;
        try (MlflowTracker tracker = new MlflowTracker(MlflowServerExtension.url())) {
            TrialExecutor.Options options = new TrialExecutor.Options(2, state.masterUrl(), tmp.resolve("checkpoints"),
                    Duration.ofSeconds(600), home, tracker);
            try (SparkTrials trials = new SparkTrials(SparkExecutorFactory.conf(state.masterUrl(), options, 2),
                    options, 2)) {
                clusterVersion = trials.clusterVersion();
                onSpark = new SweepRunner(tracker, r -> TaskData.prepare(r, home, tmp), tmp.resolve("driver"))
                        .on(trials).run(spec);
            }
            inProcess = new SweepRunner(tracker, r -> TaskData.prepare(r, home, tmp), tmp.resolve("seq")).run(spec);
        }
        MlflowClient client = new MlflowClient(MlflowServerExtension.url());
        List<Service.Run> children = childrenOf(client, onSpark.parentRunId());
        assertEquals(2, children.size(), "one run per trial under the parent");
        for (Service.Run child : children) {
            assertEquals(Service.RunStatus.FINISHED, child.getInfo().getStatus());
            for (String metric : List.of("train_loss", "val_acc_party", "val_loss_era")) {
                List<Long> steps = client.getMetricHistory(child.getInfo().getRunId(), metric).stream()
                        .map(Service.Metric::getStep).toList();
                assertFalse(steps.isEmpty(), metric);
                assertEquals(steps.stream().distinct().count(), steps.size(), metric + " steps logged once: " + steps);
            }
        }
        assertEquals(metricsByTrial(inProcess), metricsByTrial(onSpark), "the same metrics, bit for bit");
        assertEquals(RunStatus.FINISHED, onSpark.results().get(0).status());
        assertEquals(SparkVersions.running(), clusterVersion, "the executors answered the version probe");
        List<String> withModel = trialsWithModel(client, onSpark.parentRunId());
        assertEquals(1, withModel.size(), "log_model: best logs one trial's model on Spark too: " + withModel);
        assertEquals(trialsWithModel(client, inProcess.parentRunId()), withModel, "the trial the sequential sweep "
                + "logged");
    }

    /**
     * One trial's task always throws: Spark tries it {@code spark.task.maxFailures} (3) times, then the trial's run
     * ends FAILED with the task's error, the other trial finishes, and {@code sweep} exits 1 saying one of two failed.
     */
    @Test
    void aTrialThatAlwaysThrowsEndsFailedAfterSparksRetriesAndTheOtherFinishes() throws Exception {
        Path home = MlflowServerExtension.projectHome();
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("fail.yaml"), SPEC),
                List.of("name=spark-fail-it", "training.epochs=1"));
        Path attempts = tmp.resolve("fail-attempts.txt");
        SweepRunner.Outcome outcome;
        try (MlflowTracker tracker = new MlflowTracker(MlflowServerExtension.url())) {
            TrialExecutor.Options options = new TrialExecutor.Options(2, state.masterUrl(),
                    tmp.resolve("fail-checkpoints"), Duration.ofSeconds(600), home, tracker);
            try (SparkTrials trials = new SparkTrials(SparkExecutorFactory.conf(state.masterUrl(), options, 2),
                    options, 2, new FailingTask("0.75", attempts.toString()))) {
                outcome = new SweepRunner(tracker, r -> TaskData.prepare(r, home, tmp), tmp.resolve("fail-driver"))
                        .on(trials).run(spec);
            }
        }
        TrialRunner.Result failed = outcome.results().get(1);
        assertEquals(RunStatus.FAILED, failed.status());
        assertTrue(failed.failure().contains("failed 3 times") && failed.failure().contains(FailingTask.REASON),
                failed.failure());
        assertEquals(3, Files.readAllLines(attempts).size(), "spark.task.maxFailures attempts, then no more");
        assertEquals(RunStatus.FINISHED, outcome.results().get(0).status());

        MlflowClient client = new MlflowClient(MlflowServerExtension.url());
        Service.Run run = client.getRun(failed.runId());
        assertEquals(Service.RunStatus.FAILED, run.getInfo().getStatus());
        String tag = run.getData().getTagsList().stream().filter(t -> t.getKey().equals(Tags.FAILURE))
                .map(Service.RunTag::getValue).findFirst().orElse("");
        assertTrue(tag.contains(FailingTask.REASON), "the reason in " + Tags.FAILURE + ": " + tag);
        assertEquals(Service.RunStatus.FINISHED, client.getRun(outcome.results().get(0).runId()).getInfo().getStatus());
        assertEquals(Service.RunStatus.FINISHED, client.getRun(outcome.parentRunId()).getInfo().getStatus());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SweepCommand.summarize(outcome, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status, "sweep exits non-zero");
        assertEquals("polyhead: 1 of 2 trials failed", err.toString(StandardCharsets.UTF_8).strip());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(": 2 trials (1 failed)"), out.toString());
    }

    /** {@link TrialTask}, except that the trial whose name contains {@code trial} throws, noting each attempt. */
    record FailingTask(String trial, String attemptsFile) implements Function<TrialJob, TrialOutcome> {
        static final String REASON = "this trial always fails (SparkSweepIntegrationTest)";

        @Override
        public TrialOutcome call(TrialJob job) throws Exception {
            if (job.name().contains(trial)) {
                Files.writeString(Path.of(attemptsFile), job.runId() + "\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                throw new IllegalStateException(REASON);
            }
            return new TrialTask().call(job);
        }
    }

    /** The names of the parent's trials whose run holds a logged model ({@code model/weights.zip}). */
    private static List<String> trialsWithModel(MlflowClient client, String parentId) {
        return childrenOf(client, parentId).stream()
                .filter(c -> get("/api/2.0/mlflow/artifacts/list?run_id=" + c.getInfo().getRunId() + "&path=model")
                        .contains("model/weights.zip"))
                .peek(c -> assertEquals("best", c.getData().getTagsList().stream()
                        .filter(t -> t.getKey().equals(Tags.MODEL_LOGGED)).map(Service.RunTag::getValue)
                        .findFirst().orElse(null)))
                .map(c -> c.getInfo().getRunName()).sorted().toList();
    }

    private static String get(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(MlflowServerExtension.url()
                    + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The worker (and its executor) is killed with SIGKILL once the trial has written its first checkpoint, and a new
     * worker started: Spark re-runs the task there, and the trial continues from its checkpoint in the same run.
     */
    @Test
    void aTrialWhoseWorkerIsKilledResumesFromItsCheckpointOnANewWorker() throws Exception {
        Path home = MlflowServerExtension.projectHome();
        SpecLoader.Resolved spec = SpecLoader.load(Files.writeString(tmp.resolve("kill.yaml"), SPEC),
                List.of("name=spark-kill-it", "sweep={}", "training.epochs=8", "data.max_records=200"));
        Path checkpoints = tmp.resolve("kill-checkpoints");
        SweepRunner.Outcome outcome;
        try (MlflowTracker tracker = new MlflowTracker(MlflowServerExtension.url())) {
            TrialExecutor.Options options = new TrialExecutor.Options(1, state.masterUrl(), checkpoints,
                    Duration.ofSeconds(600), home, tracker);
            ExecutorService driver = java.util.concurrent.Executors.newSingleThreadExecutor();
            try (SparkTrials trials = new SparkTrials(SparkExecutorFactory.conf(state.masterUrl(), options, 1),
                    options, 1)) {
                Future<SweepRunner.Outcome> sweep = driver.submit(() -> new SweepRunner(tracker,
                        r -> TaskData.prepare(r, home, tmp), tmp.resolve("kill-driver")).on(trials).run(spec));
                awaitCheckpoint(checkpoints, sweep);
                LocalCluster.State running = cluster.status().orElseThrow();
                ProcessHandle worker = ProcessHandle.of(running.workerPid()).orElseThrow();
                List<ProcessHandle> executors = worker.descendants().toList();
                assertFalse(executors.isEmpty(), "the worker runs the trial's executor");
                worker.destroyForcibly();
                executors.forEach(ProcessHandle::destroyForcibly);
                state = cluster.startWorker(running);
                PIDS.add(state.workerPid());
                outcome = sweep.get(20, TimeUnit.MINUTES);
            } finally {
                driver.shutdownNow();
            }
        }
        MlflowClient client = new MlflowClient(MlflowServerExtension.url());
        Service.Run run = client.getRun(outcome.results().get(0).runId());
        assertEquals(Service.RunStatus.FINISHED, run.getInfo().getStatus());
        String resumedFrom = run.getData().getTagsList().stream()
                .filter(t -> t.getKey().equals("polyhead.resumed_from_epoch")).map(Service.RunTag::getValue)
                .findFirst().orElse("none");
        assertTrue(resumedFrom.matches("[1-7]"), "resumed from an epoch's checkpoint, not from step 0: " + resumedFrom);
        for (String metric : List.of("train_loss", "val_acc_party", "val_loss_era")) {
            List<Long> steps = client.getMetricHistory(run.getInfo().getRunId(), metric).stream()
                    .map(Service.Metric::getStep).toList();
            assertEquals(steps.stream().distinct().count(), steps.size(), metric + " steps logged once: " + steps);
        }
        assertEquals(8, client.getMetricHistory(run.getInfo().getRunId(), "val_acc_party").size(), "every epoch");
    }

    private static void awaitCheckpoint(Path checkpoints, Future<?> sweep) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        while (System.nanoTime() < deadline && !sweep.isDone()) {
            if (Files.isDirectory(checkpoints)) {
                try (var files = Files.walk(checkpoints)) {
                    if (files.anyMatch(p -> p.toString().endsWith(".zip")
                            && p.getParent().getFileName().toString().equals("checkpoints"))) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        sweep.get();  // its failure, if it failed
        throw new AssertionError("the trial wrote no checkpoint before it ended");
    }

    @Test
    void noExecutorWithinTheTimeoutIsOneLine() {
        try (MlflowTracker tracker = new MlflowTracker(MlflowServerExtension.url())) {
            TrialExecutor.Options options = new TrialExecutor.Options(2, state.masterUrl(), tmp.resolve("none"),
                    Duration.ofSeconds(3), MlflowServerExtension.projectHome(), tracker);
            var conf = SparkExecutorFactory.conf(state.masterUrl(), options, 1)
                    .set("spark.executor.memory", "64g");  // more than the worker offers: no executor can start
            UserError e = assertThrows(UserError.class, () -> new SparkTrials(conf, options, 1).close());
            assertTrue(e.getMessage().startsWith("no Spark executor registered with " + state.masterUrl()
                    + " within 3 s (--executor-timeout)"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    private static Map<String, Map<String, Double>> metricsByTrial(SweepRunner.Outcome outcome) {
        Map<String, Map<String, Double>> out = new TreeMap<>();
        List<TrialRunner.Result> results = outcome.results();
        for (int i = 0; i < results.size(); i++) {
            out.put("trial " + i, new TreeMap<>(results.get(i).metrics()));
        }
        return out;
    }

    private static List<Service.Run> childrenOf(MlflowClient client, String parentId) {
        String experimentId = client.getRun(parentId).getInfo().getExperimentId();
        return client.searchRuns(List.of(experimentId), "tags.mlflow.parentRunId = '" + parentId + "'",
                Service.ViewType.ACTIVE_ONLY, 100).getItems();
    }
}
