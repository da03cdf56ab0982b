/**
 * Running a trial: {@link org.polyhead.run.TrialRunner} trains one model and records it (params, per-step losses,
 * per-epoch validation, checkpoints for resuming, artifacts, the saved model); {@link org.polyhead.run.StagedRunner}
 * trains one model per hierarchy level ({@code model.heads: staged}) with {@link org.polyhead.run.StagePlan} and
 * {@link org.polyhead.run.StageLedger}; {@link org.polyhead.run.SavedModel} reloads a trained model to predict.
 *
 * <p>Runners see only {@code Tracker}/{@code TrackedRun} (framework {@code track/}), never MLflow, and never ask which
 * task kind they train: what differs by kind belongs to the kind (package {@code org.polyhead.task}).
 */
package org.polyhead.run;
