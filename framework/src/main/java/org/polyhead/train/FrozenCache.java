package org.polyhead.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.polyhead.encoder.EncoderInputs;
import org.polyhead.model.Batch;
import org.polyhead.model.GroupModel;

/**
 * The frozen part's output (embeddings and the lowest layers of a model built with {@code cachedLayers > 0}), computed
 * once per record and reused in every later batch that holds the record. The frozen part gets no update and runs
 * without dropout ({@link ParameterGroups}), so its output is a function of the record's tokens alone: the key is the
 * record's token and segment ids without padding (records with the same tokens share one entry).
 * <p>
 * A batch with records not yet cached runs the frozen part on the whole batch as it is, so the first epoch feeds the
 * trainable part the very values recomputing would; later batches assemble cached rows padded to their own length.
 * Padded positions get zeros: the attention mask gives them weight exactly 0 as keys, and poolings read only real
 * positions, so what stands there does not reach the loss.
 */
final class FrozenCache {
    private record Key(int[] ids, int[] types) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(ids, k.ids) && Arrays.equals(types, k.types);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(ids) + Arrays.hashCode(types);
        }
    }

    private final GroupModel model;
    private final SameDiff sd;
    private final Map<Key, INDArray> rows = new HashMap<>();
    private final ShapeScopedCache sessionCache;

    /** {@code sessionCache}: the scope of the graph's inference session cache, shared with the trainer's predict. */
    FrozenCache(GroupModel model, ShapeScopedCache sessionCache) {
        this.model = model;
        this.sd = model.graph();
        this.sessionCache = sessionCache;
    }

    /** Records cached so far. */
    int size() {
        return rows.size();
    }

    /** The frozen part's output for {@code batch} as rows [B·T, d] (zeros at padded positions). */
    INDArray rows(Batch batch) {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            keys.add(key(batch, i));
        }
        if (!rows.keySet().containsAll(keys)) {
            compute(batch, keys);
        }
        int b = batch.size();
        long t = batch.mask().size(1);
        INDArray first = rows.get(keys.get(0));
        INDArray out = Nd4j.zeros(first.dataType(), b, t, first.size(1));
        for (int i = 0; i < b; i++) {
            INDArray r = rows.get(keys.get(i));
            out.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, r.size(0)), NDArrayIndex.all()).assign(r);
        }
        return out.reshape('c', b * t, first.size(1));
    }

    /** Runs the frozen part (dropout off) on the whole batch and keeps each new record's real-token rows. */
    private void compute(Batch batch, List<Key> keys) {
        sd.getVariable(EncoderInputs.EMBEDDINGS).setArray(model.tables().lookup(batch.ids(), batch.types()));
        Map<String, INDArray> feed = new HashMap<>(model.dropout().off());
        feed.put(EncoderInputs.MASK, batch.mask());
        sessionCache.enter(batch.mask().shape());
        INDArray h = sd.output(feed, EncoderInputs.FROZEN_OUTPUT).get(EncoderInputs.FROZEN_OUTPUT); // [B·T, d]
        long t = batch.mask().size(1);
        INDArray byRecord = h.reshape('c', batch.size(), t, h.size(1));
        for (int i = 0; i < keys.size(); i++) {
            Key k = keys.get(i);
            if (!rows.containsKey(k)) {
                rows.put(k, byRecord.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, k.ids().length),
                        NDArrayIndex.all()).dup('c'));
            }
        }
    }

    /** Record i's ids and segment ids over its real tokens (the mask's ones; padding is always at the end). */
    private static Key key(Batch batch, int i) {
        int len = (int) batch.mask().getRow(i).sumNumber().longValue();
        int[] types = batch.types() == null ? new int[len] : Arrays.copyOf(batch.types()[i], len);
        return new Key(Arrays.copyOf(batch.ids()[i], len), types);
    }
}
