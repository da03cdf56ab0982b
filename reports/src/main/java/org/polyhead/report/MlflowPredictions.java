package org.polyhead.report;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.mlflow.tracking.MlflowClient;

/**
 * Reads {@value RunPredictions#FILE} of a run through the tracking server's artifact HTTP API (the same
 * {@code mlflow-artifacts} route runs upload to); a run without the artifact (no test part, or an older run) gives
 * nothing.
 */
public final class MlflowPredictions implements PredictionSource {
    private final String trackingUri;
    private final MlflowClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    public MlflowPredictions(String trackingUri) {
        this.trackingUri = trackingUri.replaceAll("/+$", "");
        this.client = new MlflowClient(trackingUri);
    }

    @Override
    public Optional<RunPredictions> of(String runId) {
        String experiment = client.getRun(runId).getInfo().getExperimentId();
        URI uri = URI.create(trackingUri + "/api/2.0/mlflow-artifacts/artifacts/" + experiment + "/" + runId
                + "/artifacts/" + RunPredictions.FILE);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(RunPredictions.parse(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
