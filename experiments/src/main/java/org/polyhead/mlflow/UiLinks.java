package org.polyhead.mlflow;

/**
 * Addresses in MLflow's UI (a single-page app routed after {@code #}): an experiment's run table and a run's page.
 * The same routes serve MLflow 2 and 3; {@code /#/experiments/} without an id is no page at all.
 */
public final class UiLinks {
    private UiLinks() {}

    public static String experiment(String trackingUri, String experimentId) {
        return base(trackingUri) + "/#/experiments/" + experimentId;
    }

    public static String run(String trackingUri, String experimentId, String runId) {
        return experiment(trackingUri, experimentId) + "/runs/" + runId;
    }

    private static String base(String uri) {
        return uri.replaceAll("/+$", "");
    }
}
