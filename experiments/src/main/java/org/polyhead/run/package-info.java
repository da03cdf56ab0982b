/**
 * Running a trial: {@link org.polyhead.run.TrialRunner} trains one model and records it (params, per-step losses,
 * per-epoch validation, checkpoints for resuming, artifacts, the saved model); {@link org.polyhead.run.Trainings}
 * names the designs that train their own way, such as {@link org.polyhead.run.StagedRunner} ({@code model.heads:
 * staged}: one model per hierarchy level, with {@link org.polyhead.run.StagePlan} and
 * {@link org.polyhead.run.StageLedger}); {@link org.polyhead.run.SavedModel} reloads a trained model to predict.
 *
 * <p>The training loop is {@link org.polyhead.run.TrainingLoop} with named {@link org.polyhead.run.TrainingListener}s
 * (resume, step logging with the non-finite check, validation, checkpointing, validation logging, early stopping),
 * shared by both runners. A new piece of the loop is a listener and one line in the runner's list; a design that
 * trains its own way is a {@link org.polyhead.run.Training} and one line in {@code Trainings}.
 *
 * <p>Runners see only {@code Tracker}/{@code TrackedRun} (framework {@code track/}), never MLflow, and never ask which
 * task kind they train: what differs by kind belongs to the kind (package {@code org.polyhead.task}).
 */
package org.polyhead.run;
