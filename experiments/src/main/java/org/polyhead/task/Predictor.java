package org.polyhead.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.eval.Evaluation;
import org.polyhead.eval.Predictions;
import org.polyhead.heads.LabelGroup;
import org.polyhead.model.Batch;
import org.polyhead.track.Metrics;
import org.polyhead.train.Trainer;

/** Runs a trained model over a dataset in batches (dropout off): predictions, and validation metrics and losses. */
public final class Predictor {
    private Predictor() {}

    /** Validation predictions and per-group losses (averaged over batches, weighted by batch size). */
    public static Map<String, Double> validate(Trainer trainer, List<LabelGroup> groups, TextBatches validation,
                                        double[] weights, int bs) {
        Predictions probs = predictions(trainer, groups, validation, weights, bs);
        return metrics(groups, probs, validation.targets(), validation.size());
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
        List<String> names = new ArrayList<>();
        List<String> losses = new ArrayList<>();
        groups.forEach(g -> {
            names.add(g.predictionName());
            if (!data.targets().isEmpty()) {
                names.add(g.lossName());
                losses.add(g.lossName());
            }
        });
        Map<String, List<INDArray>> parts = new LinkedHashMap<>();
        for (Batch b : data.inOrder(bs)) {
            Map<String, INDArray> out = trainer.outputs(b, weights, names);
            for (String n : names) {
                INDArray v = losses.contains(n) ? out.get(n).mul(b.size()).reshape(1) : out.get(n);
                parts.computeIfAbsent(n, k -> new ArrayList<>()).add(v);
            }
        }
        Map<String, INDArray> all = new LinkedHashMap<>();
        parts.forEach((n, list) -> all.put(n, Nd4j.concat(0, list.toArray(INDArray[]::new))));
        return new Predictions(all);
    }
}
