package org.polyhead.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.encoder.EncoderInputs;
import org.polyhead.graph.FiniteDifferences;
import org.polyhead.heads.GroupHeads;
import org.polyhead.heads.SeparateHeads;
import org.polyhead.heads.SplitHeads;
import org.polyhead.losses.FixedWeights;
import org.polyhead.losses.Weighting;
import org.polyhead.pooling.ClsPooling;
import org.polyhead.pooling.MeanPooling;
import org.polyhead.pooling.Pooling;

/** The whole encoder + pooling + heads + weighted loss graph against finite differences, in double precision. */
class GroupModelGradientTest {

    @ParameterizedTest
    @ValueSource(strings = {"separate+cls", "split+mean"})
    void encoderHeadsAndWeightedLossMatchFiniteDifferences(String design) {
        GroupHeads heads = design.startsWith("split") ? new SplitHeads() : new SeparateHeads();
        Pooling pooling = design.endsWith("mean") ? new MeanPooling() : new ClsPooling();
        ModelSpec spec = new ModelSpec(Fixtures.tinyEncoder(), pooling, heads, Fixtures.twoGroups(), new FixedWeights());
        GroupModel model = GroupModel.build(spec, 7, DataType.DOUBLE);
        SameDiff sd = model.graph();
        Batch batch = Fixtures.batch(3, 5, 23, spec.groups(), 11, DataType.DOUBLE);
        sd.getVariable(EncoderInputs.EMBEDDINGS).setArray(
                model.tables().lookup(batch.ids(), batch.types()));
        Map<String, INDArray> feed = new HashMap<>(batch.targets());
        feed.put(EncoderInputs.MASK, batch.mask());
        feed.putAll(model.dropout().off());
        feed.put(Weighting.WEIGHTS, Nd4j.createFromArray(0.3, 0.7));
        List<String> vars = new ArrayList<>(model.trainableVariables());
        vars.add(EncoderInputs.EMBEDDINGS);
        double worst = FiniteDifferences.check(sd, feed, GroupModel.LOSS, vars, 6, 1e-4);
        assertTrue(worst < 1e-4, "worst relative error " + worst);
    }

    @ParameterizedTest
    @ValueSource(strings = {"separate", "split"})
    void piOneGivesTheSecondGroupsHeadZeroGradient(String design) {
        GroupHeads heads = design.equals("split") ? new SplitHeads() : new SeparateHeads();
        ModelSpec spec = new ModelSpec(Fixtures.tinyEncoder(), new ClsPooling(), heads, Fixtures.twoGroups(),
                new FixedWeights());
        GroupModel model = GroupModel.build(spec, 3);
        Batch batch = Fixtures.batch(4, 6, 23, spec.groups(), 5, DataType.FLOAT);
        model.graph().getVariable(EncoderInputs.EMBEDDINGS).setArray(model.tables().lookup(batch.ids(), batch.types()));
        Map<String, INDArray> feed = new HashMap<>(batch.targets());
        feed.put(EncoderInputs.MASK, batch.mask());
        feed.putAll(model.dropout().off());
        feed.put(Weighting.WEIGHTS, Nd4j.createFromArray(1f, 0f));
        String headWeight = design.equals("split") ? "head.split.weight" : "head.z.weight";
        INDArray g = model.graph().calculateGradients(feed, headWeight).get(headWeight);
        if (design.equals("split")) {
            // columns 4..6 of the shared layer belong to group z
            g = g.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 7));
        }
        assertEquals(0.0, g.norm2Number().doubleValue(), 0.0);
        INDArray gy = model.graph().calculateGradients(feed, "encoder.layer.0.output.dense.weight")
                .get("encoder.layer.0.output.dense.weight");
        assertTrue(gy.norm2Number().doubleValue() > 0, "the encoder still learns from group y");
    }
}
