package org.polyhead.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The few MLflow REST calls that write a run's data (logBatch, update, artifact upload), over plain HTTP with
 * timeouts so that a hung or dead server never blocks the sender for long. Failures are classified: {@link Retry}
 * (unreachable, 5xx, 429, or an answer that is not MLflow's: try again later), {@link UnknownRun} (this server has no
 * such run) and {@link Rejected} (MLflow itself, with its JSON error code, will never accept this request). Only a 2xx
 * answer in JSON counts as delivered: a proxy or another service at the address (HTML pages, a bare 404) never makes
 * the journal drop an entry.
 */
final class MlflowRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final String uri;
    // HTTP/1.1: the JDK client otherwise asks to upgrade to h2c, which MLflow 3's uvicorn server refuses, and a request
    // with a body (artifact PUT) then never completes
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> artifactRoots = new ConcurrentHashMap<>();

    MlflowRest(String uri) {
        this.uri = uri;
    }

    /** Try again later: the server is unreachable, overloaded or failing. */
    static final class Retry extends Exception {
        Retry(String message) {
            super(message);
        }
    }

    /** The server refuses the request as it is (a bad value, a param logged twice with different values). */
    static final class Rejected extends Exception {
        Rejected(String message) {
            super(message);
        }
    }

    /** The server does not know the run (another backend store): the journal is kept for the right server. */
    static final class UnknownRun extends Exception {
        UnknownRun(String message) {
            super(message);
        }
    }

    void logBatch(String runId, List<JournalEntry> batch) throws Retry, Rejected, UnknownRun {
        ObjectNode body = JSON.createObjectNode().put("run_id", runId);
        ArrayNode metrics = body.putArray("metrics");
        ArrayNode params = body.putArray("params");
        ArrayNode tags = body.putArray("tags");
        for (JournalEntry e : batch) {
            switch (e.kind()) {
                case METRIC -> {
                    ObjectNode m = metrics.addObject().put("key", e.key()).put("timestamp", e.timestamp())
                            .put("step", e.step());
                    double v = e.number();
                    if (Double.isFinite(v)) {
                        m.put("value", v);
                    } else {
                        m.put("value", Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
                    }
                }
                case PARAM -> params.addObject().put("key", e.key()).put("value", e.value());
                case TAG -> tags.addObject().put("key", e.key()).put("value", e.value());
                default -> throw new IllegalArgumentException("not a logBatch entry: " + e.kind());
            }
        }
        post("/api/2.0/mlflow/runs/log-batch", body);
    }

    void end(String runId, String status, long endTime) throws Retry, Rejected, UnknownRun {
        post("/api/2.0/mlflow/runs/update", JSON.createObjectNode().put("run_id", runId).put("status", status)
                .put("end_time", endTime));
    }

    /** Uploads a file through the server's artifact proxy ({@code mlflow server --serve-artifacts}). */
    void upload(String runId, Path file, String artifactPath) throws Retry, Rejected, UnknownRun {
        String root = artifactRoots.get(runId);
        if (root == null) {
            JsonNode run = send(HttpRequest.newBuilder(URI.create(uri + "/api/2.0/mlflow/runs/get?run_id="
                    + URLEncoder.encode(runId, StandardCharsets.UTF_8))).GET());
            String artifactUri = run.path("run").path("info").path("artifact_uri").asText();
            if (!artifactUri.startsWith("mlflow-artifacts:/")) {
                throw new Rejected("the server does not serve artifacts (run's artifact root is " + artifactUri
                        + "); start it with --serve-artifacts");
            }
            root = artifactUri.substring("mlflow-artifacts:".length()).replaceFirst("^/+", "");
            artifactRoots.put(runId, root);
        }
        String encoded = String.join("/", Arrays.stream((root + "/" + artifactPath).split("/"))
                .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20")).toList());
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(file);
        } catch (java.io.FileNotFoundException e) {
            throw new Rejected("artifact file " + file + " no longer exists");
        }
        // MLflow 3 uploads through its FastAPI route (mlflow/server/artifact_router.py), which answers an empty 200
        send(HttpRequest.newBuilder(URI.create(uri + "/api/2.0/mlflow-artifacts/artifacts/" + encoded)).PUT(body),
                true);
    }

    /**
     * Checks that the URI serves MLflow's REST API with a real call ({@code experiments/get-by-name}, which answers
     * the experiment or MLflow's JSON {@code RESOURCE_DOES_NOT_EXIST}); {@code /health} alone is answered by many
     * services.
     *
     * @return null if it does, else why not in one line
     */
    String notMlflow() {
        String path = "/api/2.0/mlflow/experiments/get-by-name?experiment_name=polyhead-probe";
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(uri + path)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return "cannot reach MLflow tracking server at " + uri;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while checking " + uri;
        }
        JsonNode body = json(r.body());
        boolean answered = r.statusCode() / 100 == 2 ? body != null && body.has("experiment")
                : body != null && body.has("error_code");
        return answered ? null : uri + " is not an MLflow tracking server: GET " + path.substring(0, path.indexOf('?'))
                + " answered HTTP " + r.statusCode() + " " + r.headers().firstValue("Content-Type").orElse("")
                + " without MLflow's JSON; nothing was sent";
    }

    private static JsonNode json(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void post(String path, JsonNode body) throws Retry, Rejected, UnknownRun {
        send(HttpRequest.newBuilder(URI.create(uri + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private JsonNode send(HttpRequest.Builder request) throws Retry, Rejected, UnknownRun {
        return send(request, false);
    }

    /**
     * @param emptyOk whether an empty 2xx answer counts as delivered (MLflow 3's artifact upload); a 2xx answer with a
     *                body that is not MLflow's JSON (a proxy's HTML page) never does
     */
    private JsonNode send(HttpRequest.Builder request, boolean emptyOk) throws Retry, Rejected, UnknownRun {
        HttpResponse<String> r;
        try {
            r = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (NoSuchFileException e) {
            throw new Rejected("artifact file " + e.getFile() + " no longer exists");
        } catch (IOException e) {
            throw new Retry(uri + " unreachable (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Retry("interrupted");
        }
        int code = r.statusCode();
        JsonNode body = json(r.body());
        if (code / 100 == 2 && body != null) {
            return body;
        }
        if (code / 100 == 2 && emptyOk && r.body().isEmpty()) {
            return JSON.createObjectNode();
        }
        if (body == null || code / 100 == 2 || !body.has("error_code")) {
            throw new Retry(uri + " answered HTTP " + code + " without MLflow's JSON (not an MLflow tracking API?)");
        }
        String message = "HTTP " + code + " from " + uri + ": " + abbreviate(r.body());
        if (code == 429 || code >= 500) {
            throw new Retry(message);
        }
        if (code == 404 && body.path("error_code").asText().equals("RESOURCE_DOES_NOT_EXIST")) {
            throw new UnknownRun(message);
        }
        throw new Rejected(message);
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() <= 300 ? one : one.substring(0, 300) + "...";
    }
}
