package org.polyhead.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.UserError;

/** The tracker against a real MLflow server: batching over the server's limits, artifacts, parents, errors. */
@ExtendWith(MlflowServerExtension.class)
@Tag("integration")
class MlflowTrackerTest {

    @Test
    void metricsAndParamsBeyondOneRequestArriveComplete(@TempDir Path tmp) throws IOException {
        MlflowClient client = new MlflowClient(MlflowServerExtension.url());
        String runId;
        Path artifact = Files.writeString(tmp.resolve("notes.txt"), "hello");
        try (MlflowTracker tracker = new MlflowTracker(MlflowServerExtension.url(), tmp.resolve("journal"),
                java.time.Duration.ofSeconds(60))) {
            TrackedRun parent = tracker.startRun("tracker-test", "parent", null, Map.of("polyhead.sweep", "parent"));
            TrackedRun run = tracker.startRun("tracker-test", "child", parent.runId(), Map.of());
            runId = run.runId();
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < 250; i++) {
                params.put("p" + i, Integer.toString(i));
            }
            params.put("long", "x".repeat(7000));
            run.logParams(params);
            for (int step = 0; step < 2500; step++) {
                run.logMetric("train_loss", 1.0 / (step + 1), step);
            }
            run.logArtifact(artifact, "docs");
            run.end(RunStatus.FINISHED);
            parent.end(RunStatus.FINISHED);
        }
        Service.Run run = client.getRun(runId);
        assertEquals(251, run.getData().getParamsCount());
        String longValue = run.getData().getParamsList().stream().filter(p -> p.getKey().equals("long")).findFirst()
                .orElseThrow().getValue();
        assertEquals(MlflowTracker.MAX_PARAM_VALUE, longValue.length());
        assertTrue(longValue.endsWith("[truncated]"));
        assertEquals("x".repeat(7000), get("/api/2.0/mlflow-artifacts/artifacts/" + run.getInfo().getExperimentId()
                + "/" + runId + "/artifacts/params/long.txt"), "the whole value is kept as an artifact");
        List<Service.Metric> history = client.getMetricHistory(runId, "train_loss");
        assertEquals(2500, history.size());
        assertEquals(Service.RunStatus.FINISHED, run.getInfo().getStatus());
        assertTrue(run.getData().getTagsList().stream().anyMatch(t -> t.getKey().equals("mlflow.parentRunId")));
        String experimentId = run.getInfo().getExperimentId();
        assertEquals("hello", get("/api/2.0/mlflow-artifacts/artifacts/" + experimentId + "/" + runId
                + "/artifacts/docs/notes.txt"));
        assertTrue(get("/api/2.0/mlflow/artifacts/list?run_id=" + runId + "&path=docs").contains("docs/notes.txt"));
    }

    @Test
    void aValueTheServerRefusesIsKeptAsideAndTheRestArrives(@TempDir Path tmp) {
        String runId;
        try (MlflowTracker tracker = new MlflowTracker(MlflowServerExtension.url(), tmp.resolve("journal"),
                java.time.Duration.ofSeconds(60))) {
            TrackedRun run = tracker.startRun("tracker-test", "refused", null, Map.of());
            runId = run.runId();
            run.logParams(Map.of("a", "1"));
            Map<String, String> second = new LinkedHashMap<>();
            second.put("a", "2");  // MLflow params are immutable: refused
            second.put("b", "3");
            run.logParams(second);
            run.logMetric("m", 0.5, 1);
            run.end(RunStatus.FINISHED);
        }
        Service.Run run = new MlflowClient(MlflowServerExtension.url()).getRun(runId);
        Map<String, String> params = new LinkedHashMap<>();
        run.getData().getParamsList().forEach(p -> params.put(p.getKey(), p.getValue()));
        assertEquals(Map.of("a", "1", "b", "3"), params);
        assertEquals(1, run.getData().getMetricsCount());
        assertEquals(Service.RunStatus.FINISHED, run.getInfo().getStatus());
        Journal.Backlog kept = Journal.backlog(tmp.resolve("journal"), runId);
        assertEquals(1, kept.left(), "the refused param stays journaled");
        assertTrue(kept.refused().values().iterator().next().contains("INVALID_PARAMETER_VALUE"), "with the reason");
    }

    static String get(String path) {
        return get(MlflowServerExtension.url(), path);
    }

    static String get(String url, String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(url + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void unreachableServerIsNamedInTheError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String uri = "http://127.0.0.1:" + port;
        UserError e = assertThrows(UserError.class, () -> new MlflowTracker(uri));
        assertTrue(e.getMessage().contains(uri), e.getMessage());
    }

    @Test
    void portInUseIsAClearError(@TempDir Path tmp) throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            MlflowServer server = new MlflowServer(MlflowServerExtension.projectHome(), tmp);
            UserError e = assertThrows(UserError.class, () -> server.start(busy.getLocalPort()));
            assertTrue(e.getMessage().contains("port " + busy.getLocalPort() + " on 127.0.0.1 is in use"), e.getMessage());
        }
    }
}
