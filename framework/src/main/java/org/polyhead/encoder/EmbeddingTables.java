package org.polyhead.encoder;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BERT's three embedding tables, kept outside the SameDiff graph: the lookup is done here and the graph receives the
 * summed embeddings; the gradient with respect to that sum is scatter-added back into each table's rows. SameDiff
 * 1.0.0-M2.1's gather assigns instead of accumulating gradients for repeated ids, and a one-hot matmul over a real
 * vocabulary costs seconds per step (DL4J-NOTES); this is exact and cheap.
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

    /** Σ word[ids] + position[t] + type[types] → [B, T, d]. {@code types} may be null (all segment 0). */
    public INDArray lookup(int[][] ids, int[][] types) {
        if (tables.get(WORD).dataType() == DataType.DOUBLE) {
            return lookupDouble(ids, types);
        }
        int b = ids.length;
        int t = ids[0].length;
        float[] out = new float[b * t * hidden];
        float[] word = rowsOf(WORD);
        float[] pos = rowsOf(POSITION);
        float[] type = rowsOf(TYPE);
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                int o = (i * t + j) * hidden;
                int w = ids[i][j] * hidden;
                int p = j * hidden;
                int s = (types == null ? 0 : types[i][j]) * hidden;
                for (int k = 0; k < hidden; k++) {
                    out[o + k] = word[w + k] + pos[p + k] + type[s + k];
                }
            }
        }
        return Nd4j.create(out, new long[] {b, t, hidden}, 'c').castTo(tables.get(WORD).dataType());
    }

    /** The same sum in double precision: a float32 sum would cap DOUBLE models (gradient and parity checks) at ~1e-7. */
    private INDArray lookupDouble(int[][] ids, int[][] types) {
        int t = ids[0].length;
        double[] out = new double[ids.length * t * hidden];
        double[] word = tables.get(WORD).data().asDouble();
        double[] pos = tables.get(POSITION).data().asDouble();
        double[] type = tables.get(TYPE).data().asDouble();
        for (int i = 0; i < ids.length; i++) {
            for (int j = 0; j < t; j++) {
                int o = (i * t + j) * hidden;
                int s = (types == null ? 0 : types[i][j]) * hidden;
                for (int k = 0; k < hidden; k++) {
                    out[o + k] = word[ids[i][j] * hidden + k] + pos[j * hidden + k] + type[s + k];
                }
            }
        }
        return Nd4j.create(out, new long[] {ids.length, t, hidden}, 'c');
    }

    /** Scatter-adds dL/d(sum) [B, T, d] into a gradient per table (repeated ids accumulate). */
    public Map<String, INDArray> backward(int[][] ids, int[][] types, INDArray gradSum) {
        float[] g = gradSum.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int b = ids.length;
        int t = ids[0].length;
        float[] dWord = new float[(int) tables.get(WORD).length()];
        float[] dPos = new float[(int) tables.get(POSITION).length()];
        float[] dType = new float[(int) tables.get(TYPE).length()];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                int o = (i * t + j) * hidden;
                int w = ids[i][j] * hidden;
                int p = j * hidden;
                int s = (types == null ? 0 : types[i][j]) * hidden;
                for (int k = 0; k < hidden; k++) {
                    dWord[w + k] += g[o + k];
                    dPos[p + k] += g[o + k];
                    dType[s + k] += g[o + k];
                }
            }
        }
        Map<String, INDArray> grads = new LinkedHashMap<>();
        grads.put(WORD, Nd4j.create(dWord, tables.get(WORD).shape(), 'c'));
        grads.put(POSITION, Nd4j.create(dPos, tables.get(POSITION).shape(), 'c'));
        grads.put(TYPE, Nd4j.create(dType, tables.get(TYPE).shape(), 'c'));
        return grads;
    }

    private float[] rowsOf(String name) {
        return tables.get(name).data().asFloat();
    }
}
