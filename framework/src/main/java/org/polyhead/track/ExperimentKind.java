package org.polyhead.track;

import java.util.List;
import java.util.Optional;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;

/**
 * Experiments polyhead creates carry MLflow's experiment-kind tag, so that the MLflow 3 UI opens them in its
 * model-training view (runs, params, metric charts) rather than its GenAI view (traces, evaluations), which it picks
 * for an experiment without the tag. The key and value are the ones MLflow's UI reads
 * ({@code mlflow/server/js}: {@code "mlflow.experimentKind"}, {@code CUSTOM_MODEL_DEVELOPMENT}); MLflow 2 ignores
 * the tag.
 */
public final class ExperimentKind {
    public static final String TAG = "mlflow.experimentKind";
    public static final String MODEL_TRAINING = "custom_model_development";

    private ExperimentKind() {}

    /** Creates the experiment with the tag; returns its id. */
    static String create(MlflowClient client, String name) {
        return client.createExperiment(Service.CreateExperiment.newBuilder().setName(name)
                .addTags(Service.ExperimentTag.newBuilder().setKey(TAG).setValue(MODEL_TRAINING)).build());
    }

    /** Adds the tag to an experiment created without it; returns its id. */
    static String tag(MlflowClient client, Service.Experiment e) {
        if (e.getTagsList().stream().noneMatch(t -> t.getKey().equals(TAG))) {
            client.setExperimentTag(e.getExperimentId(), TAG, MODEL_TRAINING);
        }
        return e.getExperimentId();
    }

    /**
     * The named experiment, found by a search rather than {@code getExperimentByName}: for an absent experiment the
     * latter gets a 404, which MLflow's Java client (2.17.2) logs as a WARN and retries with backoff.
     */
    static Optional<Service.Experiment> find(MlflowClient client, String name) {
        if (name.contains("'")) {
            return client.getExperimentByName(name);  // a search filter cannot quote it
        }
        return client.searchExperiments("name = '" + name + "'", Service.ViewType.ACTIVE_ONLY, 1, List.of())
                .getItems().stream().findFirst();
    }
}
