package org.polyhead.track;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.UserError;

/**
 * {@link Tracker} on an MLflow tracking server through the MLflow Java client. Every call is queued to one background
 * thread, which sends params, tags and metrics with logBatch within the server's per-request limits; artifacts go
 * through the server's artifact HTTP API (no Python on the client). Training never waits on the network.
 */
public final class MlflowTracker implements Tracker {
    static final int MAX_METRICS = 1000;
    static final int MAX_PARAMS = 100;
    static final int MAX_TAGS = 100;
    static final int MAX_PARAM_VALUE = 6000;

    private final String uri;
    private final MlflowClient client;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mlflow-sender");
        t.setDaemon(true);
        return t;
    });

    public MlflowTracker(String uri) {
        if (!MlflowServer.healthy(uri)) {
            throw new UserError("cannot reach MLflow tracking server at " + uri);
        }
        this.uri = uri;
        this.client = new MlflowClient(uri);
    }

    @Override
    public String uri() {
        return uri;
    }

    MlflowClient client() {
        return client;
    }

    @Override
    public TrackedRun startRun(String experiment, String runName, String parentRunId, Map<String, String> tags) {
        String experimentId = client.getExperimentByName(experiment).map(Service.Experiment::getExperimentId)
                .orElseGet(() -> client.createExperiment(experiment));
        Service.CreateRun.Builder req = Service.CreateRun.newBuilder().setExperimentId(experimentId)
                .setStartTime(System.currentTimeMillis()).setRunName(runName);
        req.addTags(tag("mlflow.runName", runName));
        if (parentRunId != null) {
            req.addTags(tag("mlflow.parentRunId", parentRunId));
        }
        tags.forEach((k, v) -> req.addTags(tag(k, v)));
        Service.RunInfo info = client.createRun(req.build());
        return new Run(info.getRunId(), experimentId);
    }

    @Override
    public java.util.List<RunInfo> runsTagged(String experiment, String key, String value) {
        var exp = client.getExperimentByName(experiment);
        if (exp.isEmpty()) {
            return List.of();
        }
        if (value.contains("'")) {
            throw new IllegalArgumentException("tag values with quotes cannot be searched: " + value);
        }
        String filter = "tags.`" + key + "` = '" + value + "'";
        List<RunInfo> out = new ArrayList<>();
        org.mlflow.tracking.RunsPage page = client.searchRuns(List.of(exp.get().getExperimentId()), filter,
                Service.ViewType.ACTIVE_ONLY, 1000, List.of("attributes.start_time DESC"));
        while (true) {
            for (Service.Run r : page.getItems()) {
                Map<String, Double> metrics = new java.util.LinkedHashMap<>();
                r.getData().getMetricsList().forEach(m -> metrics.put(m.getKey(), m.getValue()));
                Map<String, String> tags = new java.util.LinkedHashMap<>();
                r.getData().getTagsList().forEach(t -> tags.put(t.getKey(), t.getValue()));
                out.add(new RunInfo(r.getInfo().getRunId(), r.getInfo().getStatus().name(), metrics, tags));
            }
            if (!page.hasNextPage()) {
                return out;
            }
            page = (org.mlflow.tracking.RunsPage) page.getNextPage();
        }
    }

    @Override
    public java.util.Set<Long> loggedSteps(String runId, String metric) {
        java.util.Set<Long> steps = new java.util.TreeSet<>();
        client.getMetricHistory(runId, metric).forEach(m -> steps.add(m.getStep()));
        return steps;
    }

    @Override
    public TrackedRun reopen(String runId) {
        return new Run(runId, client.getRun(runId).getInfo().getExperimentId());
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Service.RunTag tag(String k, String v) {
        return Service.RunTag.newBuilder().setKey(k).setValue(v).build();
    }

    static String truncate(String v) {
        String marker = "...[truncated]";
        return v.length() <= MAX_PARAM_VALUE ? v : v.substring(0, MAX_PARAM_VALUE - marker.length()) + marker;
    }

    private final class Run implements TrackedRun {
        private final String runId;
        private final String experimentId;
        private final List<Service.Metric> pending = new ArrayList<>();

        Run(String runId, String experimentId) {
            this.runId = runId;
            this.experimentId = experimentId;
        }

        @Override
        public String runId() {
            return runId;
        }

        @Override
        public String experimentId() {
            return experimentId;
        }

        @Override
        public void logParams(Map<String, String> params) {
            List<Service.Param> all = params.entrySet().stream().map(e -> Service.Param.newBuilder()
                    .setKey(e.getKey()).setValue(truncate(e.getValue())).build()).toList();
            for (int i = 0; i < all.size(); i += MAX_PARAMS) {
                List<Service.Param> chunk = all.subList(i, Math.min(all.size(), i + MAX_PARAMS));
                sender.execute(() -> client.logBatch(runId, List.of(), chunk, List.of()));
            }
        }

        @Override
        public void setTag(String key, String value) {
            sender.execute(() -> client.setTag(runId, key, value));
        }

        @Override
        public synchronized void logMetric(String key, double value, long step) {
            pending.add(Service.Metric.newBuilder().setKey(key).setValue(value).setStep(step)
                    .setTimestamp(System.currentTimeMillis()).build());
            if (pending.size() >= MAX_METRICS) {
                flush();
            }
        }

        @Override
        public synchronized void logMetrics(Map<String, Double> metrics, long step) {
            metrics.forEach((k, v) -> logMetric(k, v, step));
            flush();
        }

        private synchronized void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<Service.Metric> batch = List.copyOf(pending);
            pending.clear();
            sender.execute(() -> client.logBatch(runId, batch, List.of(), List.of()));
        }

        @Override
        public void logArtifact(Path file, String artifactDir) {
            String rel = (artifactDir == null || artifactDir.isEmpty() ? "" : artifactDir + "/") + file.getFileName();
            sender.execute(() -> upload(file, rel));
        }

        private void upload(Path file, String rel) {
            String path = experimentId + "/" + runId + "/artifacts/" + rel;
            String encoded = String.join("/", java.util.Arrays.stream(path.split("/"))
                    .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20")).toList());
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                URI.create(uri + "/api/2.0/mlflow-artifacts/artifacts/" + encoded))
                        .PUT(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 != 2) {
                    System.err.println("polyhead: artifact upload of " + rel + " failed: HTTP " + r.statusCode());
                }
            } catch (IOException e) {
                System.err.println("polyhead: artifact upload of " + rel + " failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void end(RunStatus status) {
            flush();
            sender.execute(() -> client.setTerminated(runId, Service.RunStatus.valueOf(status.name()),
                    System.currentTimeMillis()));
        }
    }
}
