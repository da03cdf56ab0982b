/**
 * What polyhead records in MLflow's own vocabulary, so MLflow's UI shows it in its standard places: run tags
 * ({@link org.polyhead.mlflow.RunConventions}), dataset inputs ({@link org.polyhead.mlflow.RunDatasets}), the
 * model as an artifact folder, and pictures of results. Training code calls these through
 * {@link org.polyhead.track.TrackedRun}; nothing here talks to a server itself.
 */
package org.polyhead.mlflow;
