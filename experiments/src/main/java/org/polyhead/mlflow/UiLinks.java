package org.polyhead.mlflow;

/**
 * Addresses in MLflow's UI (a single-page app routed after {@code #}): an experiment's run table and a run's page.
 * MLflow 3 opens a bare {@code /#/experiments/<id>} on its GenAI overview even for an experiment tagged for model
 * training, so the run table is addressed by {@code /runs} (measured in {@code MlflowUiInBrowserIntegrationTest});
 * {@code /#/experiments/} without an id is no page at all.
 */
public final class UiLinks {
    private UiLinks() {}

    public static String experiment(String trackingUri, String experimentId) {
        return base(trackingUri) + "/#/experiments/" + experimentId + "/runs";
    }

    public static String run(String trackingUri, String experimentId, String runId) {
        return base(trackingUri) + "/#/experiments/" + experimentId + "/runs/" + runId;
    }

    private static String base(String uri) {
        return uri.replaceAll("/+$", "");
    }
}
