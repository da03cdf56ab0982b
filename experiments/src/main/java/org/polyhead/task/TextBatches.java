package org.polyhead.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.polyhead.model.Batch;

/**
 * Cuts a tokenized split into padded batches. Each batch is padded to its own longest sequence rounded up to a
 * multiple of {@link #PAD_MULTIPLE} (at most to the split's longest), not to the maximum length: short texts cost short steps, and batches of rows of
 * about one length ({@link #byLength}, {@link #lengthGrouped}) pad least (HuggingFace's {@code group_by_length}
 * sampler does the same for training).
 *
 * @param ids     token ids per example
 * @param targets per placeholder name, an [N, width] array of targets
 * @param perToken per placeholder name, an [N, T] array with one value per token (e.g. a target selection); each
 *                 batch gets its rows cut (or padded with 0) to the batch's length
 */
public record TextBatches(int[][] ids, Map<String, INDArray> targets, Map<String, INDArray> perToken) {
    /** Batches per window that {@link #lengthGrouped} sorts by length (HuggingFace's {@code mega_batch_mult}). */
    public static final int LENGTH_WINDOW = 50;
    /**
     * Batch lengths are rounded up to a multiple of this (HuggingFace's {@code pad_to_multiple_of}): SameDiff's session
     * array cache reuses an array only for the exact length it had, so every new batch length allocated a fresh set
     * of intermediates and kept the old ones cached (docs/samediff-m2.1.md). MiniLM trial steps (bench trial spec,
     * batches of 25-32 tokens): 8% less CPU per step padded to 32 than at their own lengths.
     */
    public static final int PAD_MULTIPLE = 8;

    public TextBatches(int[][] ids, Map<String, INDArray> targets) {
        this(ids, targets, Map.of());
    }

    public int size() {
        return ids.length;
    }

    /** Batches in a seeded random order (a new order per epoch). */
    public List<Batch> shuffled(int batchSize, long seed) {
        return batches(shuffledRows(new Random(seed)), batchSize);
    }

    /**
     * Training batches of rows of about one length, in a seeded random order: the rows shuffled as {@link #shuffled}
     * shuffles them, each window of {@code window} batches' rows sorted by length (stable), cut into batches, and the
     * batches shuffled. Every row is in one batch; the number of batches is that of {@link #shuffled}.
     */
    public List<Batch> lengthGrouped(int batchSize, long seed, int window) {
        Random random = new Random(seed);
        List<Integer> rows = shuffledRows(random);
        int span = batchSize * window;
        for (int from = 0; from < rows.size(); from += span) {
            rows.subList(from, Math.min(rows.size(), from + span)).sort(Comparator.comparingInt(r -> ids[r].length));
        }
        List<Batch> batches = batches(rows, batchSize);
        Collections.shuffle(batches, random);
        return batches;
    }

    /** Batches in record order. */
    public List<Batch> inOrder(int batchSize) {
        return batches(IntStream.range(0, ids.length).boxed().toList(), batchSize);
    }

    /** The rows sorted by token length, shortest first; rows of one length stay in record order (evaluation). */
    public List<Integer> byLength() {
        List<Integer> rows = new ArrayList<>(IntStream.range(0, ids.length).boxed().toList());
        rows.sort(Comparator.comparingInt(r -> ids[r].length));  // List.sort is stable
        return rows;
    }

    /** Consecutive batches of {@code rows} (indices into this split), the last one possibly smaller. */
    public List<Batch> batches(List<Integer> rows, int batchSize) {
        int longestOfAll = Arrays.stream(ids).mapToInt(r -> r.length).max().orElse(1);
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += batchSize) {
            batches.add(batch(rows.subList(from, Math.min(rows.size(), from + batchSize)), longestOfAll));
        }
        return batches;
    }

    /** Token positions fed to the encoder, padding included: the sum over batches of B × T. */
    public static long fedTokens(List<Batch> batches) {
        return batches.stream().mapToLong(b -> (long) b.size() * b.mask().size(1)).sum();
    }

    private List<Integer> shuffledRows(Random random) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, ids.length).boxed().toList());
        Collections.shuffle(order, random);
        return order;
    }

    /**
     * One batch padded to its longest row rounded up to {@link #PAD_MULTIPLE}, but never past the split's longest row
     * ({@code longestOfAll}): that one fits the model's position table, a rounded-up length might not.
     */
    private Batch batch(List<Integer> rows, int longestOfAll) {
        int longest = rows.stream().mapToInt(r -> ids[r].length).max().orElse(1);
        int t = Math.max(longest, Math.min(longestOfAll, (longest + PAD_MULTIPLE - 1) / PAD_MULTIPLE * PAD_MULTIPLE));
        int[][] b = new int[rows.size()][t];
        int[][] types = new int[rows.size()][t];
        INDArray mask = Nd4j.zeros(DataType.FLOAT, rows.size(), t);
        for (int i = 0; i < rows.size(); i++) {
            int[] src = ids[rows.get(i)];
            System.arraycopy(src, 0, b[i], 0, src.length);
            mask.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, src.length)).assign(1);
        }
        int[] idx = rows.stream().mapToInt(Integer::intValue).toArray();
        Map<String, INDArray> feed = new LinkedHashMap<>();
        targets.forEach((name, all) -> feed.put(name, all.getRows(idx)));
        perToken.forEach((name, all) -> {
            INDArray cut = Nd4j.zeros(all.dataType(), idx.length, t);
            long width = Math.min(t, all.size(1));
            cut.get(NDArrayIndex.all(), NDArrayIndex.interval(0, width))
                    .assign(all.getRows(idx).get(NDArrayIndex.all(), NDArrayIndex.interval(0, width)));
            feed.put(name, cut);
        });
        return new Batch(b, types, mask, feed);
    }
}
