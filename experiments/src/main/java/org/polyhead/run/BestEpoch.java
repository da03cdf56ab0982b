package org.polyhead.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.track.Metrics;

/**
 * The epoch whose weights the held-out test part is evaluated with: the best by {@code training.early_stopping}'s
 * metric (losses fall, the others rise, as {@link EarlyStopping} decides), or the last epoch when the spec names
 * none. Its parameters are kept in memory as copies (not on disk: one copy of the model, written over on each
 * improvement), so the test evaluation needs no extra checkpoint file.
 */
final class BestEpoch implements TrainingListener {
    private final String metric;
    private int epoch;
    private long step;
    private double best = Double.NaN;
    private Map<String, INDArray> weights;

    BestEpoch(String metric) {
        this.metric = metric == null || metric.isBlank() ? null : metric;
    }

    /** Epochs restored from a checkpoint compete too, without weights. */
    @Override
    public void onTrainingBegin(TrainingState state) {
        state.table().rows().forEach(row -> offer(row.get(Metrics.EPOCH).intValue(), row.get(Metrics.STEP).longValue(),
                row, null));
    }

    @Override
    public void onEpoch(TrainingState state, Map<String, Double> metrics) {
        offer(state.epoch(), state.step(), metrics, state.trainer().parameters());
    }

    /**
     * Considers an epoch's validation metrics; copies the parameters (a trainer's {@code parameters()}) when the epoch
     * is the best so far. {@code parameters} is null for epochs restored from a checkpoint, whose weights are gone.
     */
    void offer(int epoch, long step, Map<String, Double> metrics, Map<String, INDArray> parameters) {
        Double v = metric == null ? null : metrics.get(metric);
        boolean better = metric == null || v == null || Metrics.improves(metric, v, best);
        if (!better) {
            return;
        }
        this.epoch = epoch;
        this.step = step;
        this.best = v == null ? Double.NaN : v;
        this.weights = parameters == null ? null : copy(parameters);
    }

    /** The chosen epoch (0 before any). */
    int epoch() {
        return epoch;
    }

    /** The global step at the end of the chosen epoch (0 before any). */
    long step() {
        return step;
    }

    /** Whether the chosen epoch's weights are in memory (not when it was restored from a checkpoint). */
    boolean kept() {
        return weights != null;
    }

    /** Puts the chosen epoch's weights back into the live parameter arrays (a trainer's {@code parameters()}). */
    void restore(Map<String, INDArray> live) {
        weights.forEach((name, w) -> live.get(name).assign(w));
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> params) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        params.forEach((name, a) -> out.put(name, a.dup()));
        return out;
    }
}
