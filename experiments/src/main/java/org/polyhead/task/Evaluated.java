package org.polyhead.task;

import java.util.Map;
import org.polyhead.eval.Predictions;

/**
 * One pass of a model over a part of the data (validation or test): the metrics and per-group losses its task kind
 * computes, and the predictions they were computed from, row i = record i, which the run's prediction files are
 * written from, so a part is run once per model state.
 *
 * @param metrics     metrics and per-group losses by their validation names ({@code val_acc_<group>}, …)
 * @param predictions the graph outputs the metrics read, by graph name
 */
public record Evaluated(Map<String, Double> metrics, Predictions predictions) {}
