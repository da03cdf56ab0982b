package org.polyhead.pooling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.polyhead.encoder.BertEncoder;
import org.polyhead.encoder.EmbeddingTables;
import org.polyhead.encoder.EncoderConfig;
import org.polyhead.encoder.EncoderInputs;
import org.polyhead.encoder.EncoderOutputs;
import org.polyhead.encoder.WeightInit;

/**
 * What {@code target} pooling passes on: exactly the encoder's vector at the target position, and other tokens reach
 * it only through attention (with attention's value path zeroed, changing another token leaves it bit for bit equal,
 * while mean pooling still moves).
 */
class TargetPoolingTest {
    private static final EncoderConfig ENCODER = new EncoderConfig(23, 8, 2, 2, 12, 16, 2, 1e-12, 0.0);
    private static final int[] TARGET = {2, 1, 4};

    private final SameDiff sd = SameDiff.create();
    private final WeightInit init = new WeightInit(9);
    private final EmbeddingTables tables = new EmbeddingTables(ENCODER, init);
    private final EncoderInputs in = BertEncoder.inputs(sd, ENCODER, init);

    TargetPoolingTest() {
        EncoderOutputs encoded = BertEncoder.build(sd, ENCODER, in, init);
        TargetPooling.first().pool(sd, encoded, in).rename("pooled.target");
        new MeanPooling().pool(sd, encoded, in).rename("pooled.mean");
    }

    @Test
    void theSelectedVectorIsTheEncodersVectorAtTheTargetPositionExactly() {
        Map<String, INDArray> out = run(ids(), "pooled.target", "last_hidden_state");
        INDArray h = out.get("last_hidden_state");
        for (int b = 0; b < TARGET.length; b++) {
            float[] atTarget = h.get(NDArrayIndex.point(b), NDArrayIndex.point(TARGET[b]), NDArrayIndex.all())
                    .toFloatVector();
            assertArrayEquals(atTarget, out.get("pooled.target").getRow(b).toFloatVector(), 0f, "sequence " + b);
        }
    }

    @Test
    void anotherTokenReachesTheTargetVectorOnlyThroughAttention() {
        int[][] changed = ids();
        changed[0][4] = 17;  // a non-target token of sequence 0 (its target is position 2)
        Map<String, INDArray> before = run(ids(), "pooled.target", "pooled.mean");
        Map<String, INDArray> after = run(changed, "pooled.target", "pooled.mean");
        assertFalse(equal(before.get("pooled.target").getRow(0), after.get("pooled.target").getRow(0)),
                "with attention, the context moves the target's vector");

        for (int l = 0; l < ENCODER.layers(); l++) {
            sd.getVariable("encoder.layer." + l + ".attention.self.value.weight").getArr().assign(0);
            sd.getVariable("encoder.layer." + l + ".attention.self.value.bias").getArr().assign(0);
        }
        before = run(ids(), "pooled.target", "pooled.mean");
        after = run(changed, "pooled.target", "pooled.mean");
        assertArrayEquals(before.get("pooled.target").getRow(0).toFloatVector(),
                after.get("pooled.target").getRow(0).toFloatVector(), 0f, "no attention mixing: target unchanged");
        assertFalse(equal(before.get("pooled.mean").getRow(0), after.get("pooled.mean").getRow(0)),
                "control: mean pooling includes the changed token itself");
        assertArrayEquals(before.get("pooled.target").getRow(1).toFloatVector(),
                after.get("pooled.target").getRow(1).toFloatVector(), 0f, "other sequences unchanged");
    }

    private static int[][] ids() {
        return new int[][] {{2, 5, 9, 11, 3, 4}, {2, 7, 8, 6, 0, 0}, {2, 13, 14, 15, 16, 3}};
    }

    private Map<String, INDArray> run(int[][] ids, String... outputs) {
        INDArray mask = Nd4j.zeros(DataType.FLOAT, ids.length, ids[0].length);
        INDArray selection = Nd4j.zeros(DataType.FLOAT, ids.length, ids[0].length);
        for (int b = 0; b < ids.length; b++) {
            for (int t = 0; t < ids[b].length; t++) {
                mask.putScalar(b, t, b == 1 && t >= 4 ? 0 : 1);
            }
            selection.putScalar(b, TARGET[b], 1);
        }
        sd.getVariable(EncoderInputs.EMBEDDINGS).setArray(tables.lookup(ids, null));
        Map<String, INDArray> feed = new HashMap<>(in.dropout().off());
        feed.put(EncoderInputs.MASK, mask);
        feed.put(TargetSelection.FIRST, selection);
        return sd.output(feed, outputs);
    }

    private static boolean equal(INDArray a, INDArray b) {
        return java.util.Arrays.equals(a.toFloatVector(), b.toFloatVector());
    }
}
