package org.polyhead.encoder;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * BERT's three embedding tables, kept outside the SameDiff graph: the lookup is done here and the graph receives the
 * summed embeddings; the gradient with respect to that sum is scatter-added back into each table's rows. SameDiff
 * 1.0.0-M2.1's gather assigns instead of accumulating gradients for repeated ids, and a one-hot matmul over a real
 * vocabulary costs seconds per step (docs/samediff-m2.1.md §3); this is exact and cheap.
 */
public final class EmbeddingTables {
    public static final String WORD = "embeddings.word_embeddings.weight";
    public static final String POSITION = "embeddings.position_embeddings.weight";
    public static final String TYPE = "embeddings.token_type_embeddings.weight";

    private final Map<String, INDArray> tables = new LinkedHashMap<>();
    private final int hidden;

    public EmbeddingTables(EncoderConfig config, WeightInit init) {
        this.hidden = config.hidden();
        tables.put(WORD, init.normal(config.vocabSize(), hidden));
        tables.put(POSITION, init.normal(config.maxPositions(), hidden));
        tables.put(TYPE, init.normal(config.typeVocabSize(), hidden));
    }

    /** Tables by HuggingFace tensor name; arrays are live (updated in place by the optimizer, replaced by loaders). */
    public Map<String, INDArray> tables() {
        return tables;
    }

    /**
     * Σ word[ids] + position[t] + type[types] → [B, T, d] in the tables' type. {@code types} may be null (all segment
     * 0). Three native row gathers and two adds: no table is copied to the Java heap.
     */
    public INDArray lookup(int[][] ids, int[][] types) {
        int b = ids.length;
        int t = ids[0].length;
        INDArray sum = Nd4j.pullRows(tables.get(WORD), 1, flat(ids));
        sum.addi(Nd4j.pullRows(tables.get(POSITION), 1, positions(b, t)));
        sum.addi(Nd4j.pullRows(tables.get(TYPE), 1, types == null ? new int[b * t] : flat(types)));
        return sum.reshape('c', b, t, hidden);
    }

    /**
     * Scatter-adds dL/d(sum) [B, T, d] into a gradient per table (repeated ids accumulate), in the tables' type. The
     * scatter runs natively with its lock flag set, so repeated rows are summed, never raced.
     */
    public Map<String, INDArray> backward(int[][] ids, int[][] types, INDArray gradSum) {
        int b = ids.length;
        int t = ids[0].length;
        DataType type = tables.get(WORD).dataType();
        INDArray g = gradSum.castTo(type).reshape('c', (long) b * t, hidden);
        Map<String, INDArray> grads = new LinkedHashMap<>();
        grads.put(WORD, scatterAdd(WORD, flat(ids), g));
        INDArray dPos = Nd4j.zeros(type, tables.get(POSITION).shape());
        dPos.get(NDArrayIndex.interval(0, t), NDArrayIndex.all()).assign(g.reshape('c', b, t, hidden).sum(0));
        grads.put(POSITION, dPos);
        grads.put(TYPE, scatterAdd(TYPE, types == null ? new int[b * t] : flat(types), g));
        return grads;
    }

    /** zeros like the table, with row ids[i] += rows[i] for every i. */
    private INDArray scatterAdd(String table, int[] ids, INDArray rows) {
        INDArray out = Nd4j.zeros(rows.dataType(), tables.get(table).shape());
        Nd4j.exec(DynamicCustomOp.builder("scatter_add")
                .addInputs(out, Nd4j.createFromArray(ids), rows)
                .addOutputs(out)
                .addBooleanArguments(true) // lock: one thread per table, so repeated ids accumulate exactly
                .callInplace(true)
                .build());
        return out;
    }

    private static int[] flat(int[][] rows) {
        int t = rows[0].length;
        int[] out = new int[rows.length * t];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * t, t);
        }
        return out;
    }

    private static int[] positions(int b, int t) {
        int[] out = new int[b * t];
        for (int i = 0; i < out.length; i++) {
            out[i] = i % t;
        }
        return out;
    }
}
