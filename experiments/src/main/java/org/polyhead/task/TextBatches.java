package org.polyhead.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.polyhead.model.Batch;

/**
 * Cuts a tokenized split into padded batches. Each batch is padded to its own longest sequence, not to the maximum
 * length: short texts cost short steps.
 *
 * @param ids     token ids per example
 * @param targets per placeholder name, an [N, width] array of targets
 * @param perToken per placeholder name, an [N, T] array with one value per token (e.g. a target selection); each
 *                 batch gets its rows cut to the batch's length
 */
public record TextBatches(int[][] ids, Map<String, INDArray> targets, Map<String, INDArray> perToken) {

    public TextBatches(int[][] ids, Map<String, INDArray> targets) {
        this(ids, targets, Map.of());
    }

    public int size() {
        return ids.length;
    }

    /** Batches in a seeded random order (a new order per epoch). */
    public List<Batch> shuffled(int batchSize, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(seed));
        return cut(order, batchSize);
    }

    /** Batches in record order (evaluation). */
    public List<Batch> inOrder(int batchSize) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            order.add(i);
        }
        return cut(order, batchSize);
    }

    private List<Batch> cut(List<Integer> order, int batchSize) {
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < order.size(); from += batchSize) {
            batches.add(batch(order.subList(from, Math.min(order.size(), from + batchSize))));
        }
        return batches;
    }

    private Batch batch(List<Integer> rows) {
        int t = rows.stream().mapToInt(r -> ids[r].length).max().orElse(1);
        int[][] b = new int[rows.size()][t];
        int[][] types = new int[rows.size()][t];
        INDArray mask = Nd4j.zeros(DataType.FLOAT, rows.size(), t);
        for (int i = 0; i < rows.size(); i++) {
            int[] src = ids[rows.get(i)];
            System.arraycopy(src, 0, b[i], 0, src.length);
            mask.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, src.length)).assign(1);
        }
        long[] idx = rows.stream().mapToLong(Integer::longValue).toArray();
        Map<String, INDArray> feed = new LinkedHashMap<>();
        targets.forEach((name, all) -> feed.put(name, all.getRows(toInt(idx))));
        perToken.forEach((name, all) -> feed.put(name,
                all.getRows(toInt(idx)).get(NDArrayIndex.all(), NDArrayIndex.interval(0, t)).dup()));
        return new Batch(b, types, mask, feed);
    }

    private static int[] toInt(long[] a) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (int) a[i];
        }
        return out;
    }
}
