/**
 * Metrics of predictions against targets: {@link org.polyhead.eval.Evaluation} per group by target type (accuracy,
 * macro- and micro-F1, {@link org.polyhead.eval.RocAuc}, MAE/RMSE), {@link org.polyhead.eval.HierarchyEvaluation} as
 * paths; {@link org.polyhead.eval.MetricsTable} and {@link org.polyhead.eval.ValidationArtifacts} keep them as run
 * artifacts. Nothing here runs a model: each task kind predicts (package {@code org.polyhead.task}) and hands its
 * predictions here.
 *
 * <p>To add a metric for every group of a target type: a case in {@code Evaluation.metrics}, and its test in
 * {@code EvaluationTest}. Metrics only one task kind has are computed here and called from that kind's
 * {@code validate}.
 */
package org.polyhead.eval;
