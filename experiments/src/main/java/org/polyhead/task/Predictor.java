package org.polyhead.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.eval.Evaluation;
import org.polyhead.eval.Predictions;
import org.polyhead.heads.LabelGroup;
import org.polyhead.model.Batch;
import org.polyhead.track.Metrics;
import org.polyhead.train.Trainer;

/**
 * Runs a trained model over a dataset in batches (dropout off): predictions, and evaluation metrics and losses. The
 * batches are cut from the rows sorted by length, so each pads to a length its rows nearly share, and the outputs
 * come back in record order: a pass costs about the tokens the rows hold, not B × the longest of B rows in record
 * order (reports/bench/optimisations.md, "Evaluation passes and length-sorted batches").
 */
public final class Predictor {
    private Predictor() {}

    /** The model's predictions on {@code part} and, from the same pass, their metrics and per-group losses. */
    public static Evaluated evaluate(Trainer trainer, List<LabelGroup> groups, TextBatches part, double[] weights,
                                     int bs) {
        Predictions probs = predictions(trainer, groups, List.of(), part, weights, bs);
        return new Evaluated(metrics(groups, probs, part.targets(), part.size()), probs);
    }

    /** The metrics of {@link Evaluation} and each group's loss (its batch losses summed, over {@code n} rows). */
    static Map<String, Double> metrics(List<LabelGroup> groups, Predictions probs, Map<String, INDArray> targets,
                                       int n) {
        Map<String, Double> metrics = Evaluation.metrics(groups, probs, targets);
        for (LabelGroup g : groups) {
            metrics.put(Metrics.validationLoss(g.name()), probs.losses(g).sumNumber().doubleValue() / n);
        }
        return metrics;
    }

    /**
     * Concatenated {@code pred.<group>} [N, width] and, when the data has targets, batch-size-weighted
     * {@code loss.<group>} [batches].
     */
    public static Predictions predictions(Trainer trainer, List<LabelGroup> groups, TextBatches data,
                                          double[] weights, int bs) {
        return predictions(trainer, groups, List.of(), data, weights, bs);
    }

    /** As {@link #predictions(Trainer, List, TextBatches, double[], int)}, with further per-row graph outputs. */
    public static Predictions predictions(Trainer trainer, List<LabelGroup> groups, List<String> extra,
                                          TextBatches data, double[] weights, int bs) {
        List<String> names = new ArrayList<>();
        List<String> losses = new ArrayList<>();
        groups.forEach(g -> {
            names.add(g.predictionName());
            if (!data.targets().isEmpty()) {
                names.add(g.lossName());
                losses.add(g.lossName());
            }
        });
        names.addAll(extra);
        return new Predictions(outputs(data, bs, b -> {
            Map<String, INDArray> out = new LinkedHashMap<>(trainer.outputs(b, weights, names));
            losses.forEach(n -> out.put(n, out.get(n).mul(b.size()).reshape(1)));  // a batch mean → its sum
            return out;
        }, Set.copyOf(losses)));
    }

    /**
     * Runs {@code forward} over batches of {@code data}'s rows sorted by length ({@link TextBatches#byLength}) and
     * concatenates each output, rows put back in record order (row i = record i); the outputs named in
     * {@code perBatch} (e.g. a batch's loss) have one row per batch, in the order the batches ran, and are only
     * ever summed.
     */
    public static Map<String, INDArray> outputs(TextBatches data, int bs,
                                                Function<Batch, Map<String, INDArray>> forward, Set<String> perBatch) {
        List<Integer> rows = data.byLength();
        Map<String, List<INDArray>> parts = new LinkedHashMap<>();
        for (Batch b : data.batches(rows, bs)) {
            forward.apply(b).forEach((n, v) -> parts.computeIfAbsent(n, k -> new ArrayList<>()).add(v));
        }
        int[] at = new int[rows.size()];  // record r ran as row at[r] of the sorted concatenation
        for (int k = 0; k < at.length; k++) {
            at[rows.get(k)] = k;
        }
        Map<String, INDArray> all = new LinkedHashMap<>();
        parts.forEach((n, list) -> {
            INDArray sorted = Nd4j.concat(0, list.toArray(INDArray[]::new));
            all.put(n, perBatch.contains(n) ? sorted : inRecordOrder(sorted, at));
        });
        return all;
    }

    /** The rows of {@code sorted} [N, …] with row r taken from row {@code at[r]}. */
    private static INDArray inRecordOrder(INDArray sorted, int[] at) {
        long[] shape = sorted.shape();
        INDArray matrix = sorted.reshape('c', shape[0], sorted.length() / Math.max(1, shape[0]));
        return matrix.getRows(at).reshape('c', shape);
    }
}
