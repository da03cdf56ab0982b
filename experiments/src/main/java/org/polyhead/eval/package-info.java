/**
 * Evaluation of a trained model: {@link org.polyhead.eval.Predictor} runs it over a dataset in batches,
 * {@link org.polyhead.eval.Evaluation} turns predictions into per-group metrics by target type (accuracy, macro- and
 * micro-F1, {@link org.polyhead.eval.RocAuc}, MAE/RMSE), {@link org.polyhead.eval.HierarchyEvaluation} into path
 * metrics; {@link org.polyhead.eval.MetricsTable} and {@link org.polyhead.eval.ValidationArtifacts} keep them as run
 * artifacts.
 *
 * <p>To add a metric for every group of a target type: a case in {@code Evaluation.metrics}, and its test in
 * {@code EvaluationTest}. Metrics only a task kind has belong to that kind's evaluation.
 */
package org.polyhead.eval;
