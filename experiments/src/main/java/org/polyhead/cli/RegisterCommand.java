package org.polyhead.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.polyhead.UserError;
import org.polyhead.mlflow.ModelArtifacts;
import org.polyhead.track.MlflowTracker;
import org.polyhead.track.Trackers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code polyhead register RUN_ID NAME}: a new version of registered model NAME (created if absent) whose source is
 * the run's {@code model/} artifact folder ({@code runs:/RUN_ID/model}), through MLflow's model-registry REST API
 * (its Java client has no call to create one).
 */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Register a run's logged model (its model/ artifact folder) in MLflow's model registry.")
public final class RegisterCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "a run that logged its model (tracking.log_model)")
    String runId;

    @Parameters(index = "1", paramLabel = "NAME", description = "the registered model's name")
    String name;

    @Spec
    CommandSpec command;

    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "the MLflow server (default: $MLFLOW_TRACKING_URI, else the local server)")
    String trackingUri;

    @Override
    public Integer call() throws IOException {
        String uri;
        try (MlflowTracker tracker = trackingUri != null ? new MlflowTracker(trackingUri,
                Trackers.journalRoot(Home.path()), MlflowTracker.defaultDrainTimeout())
                : Trackers.fromEnvironment(Home.path())) {
            uri = tracker.uri();
        }
        MlflowClient client = new MlflowClient(uri);
        if (!hasModel(client)) {
            throw new UserError("run " + runId + " has no " + ModelArtifacts.DIR + "/ artifact folder at " + uri
                    + " (set tracking.log_model: all, or register the sweep's best trial)");
        }
        if (!registered(client)) {
            try {
                client.sendPost("registered-models/create", JSON.createObjectNode().put("name", name).toString());
            } catch (MlflowHttpException e) {
                throw new UserError("MLflow at " + uri + ": cannot create registered model '" + name + "': "
                        + e.getBodyMessage(), e);
            }
        }
        String created = client.sendPost("model-versions/create", JSON.createObjectNode().put("name", name)
                .put("source", "runs:/" + runId + "/" + ModelArtifacts.DIR).put("run_id", runId).toString());
        String version = JSON.readTree(created).path("model_version").path("version").asText();
        command.commandLine().getOut().println("registered model '" + name + "' version " + version + " from run "
                + runId + ": " + uri + "/#/models/" + name + "/versions/" + version);
        command.commandLine().getOut().flush();
        return 0;
    }

    /** Searched rather than fetched: the Java client retries (and logs) every 4xx answer, "not found" included. */
    private boolean registered(MlflowClient client) throws IOException {
        if (name.contains("'")) {
            throw new UserError("registered model name " + name + ": quotes are not allowed");
        }
        String found = client.sendGet("registered-models/search?filter="
                + URLEncoder.encode("name = '" + name + "'", StandardCharsets.UTF_8));
        return JSON.readTree(found).path("registered_models").size() > 0;
    }

    /** Through the REST API: the Java client's {@code listArtifacts} runs Python for a proxied artifact store. */
    private boolean hasModel(MlflowClient client) throws IOException {
        String listed;
        try {
            listed = client.sendGet("artifacts/list?run_id=" + URLEncoder.encode(runId, StandardCharsets.UTF_8)
                    + "&path=" + ModelArtifacts.DIR);
        } catch (MlflowClientException e) {
            throw new UserError("no run " + runId + " at the tracking server: " + e.getMessage(), e);
        }
        return JSON.readTree(listed).path("files").size() > 0;
    }
}
