package org.polyhead.hierarchy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.encoder.EncoderInputs;
import org.polyhead.graph.FiniteDifferences;
import org.polyhead.graph.Phase;
import org.polyhead.losses.Weighting;
import org.polyhead.model.Batch;
import org.polyhead.model.Designs;
import org.polyhead.model.GroupModel;

/**
 * Every conditioning design's whole graph (encoder, heads, per-level weighted loss) against central finite differences
 * in double precision, the teacher-forced design in both phases; and what the masked design's outputs mean.
 */
class HierarchyHeadsGradientTest {

    @ParameterizedTest
    @ValueSource(strings = {"flat", "conditioned-soft", "conditioned-embedding", "conditioned-teacher:1", "conditioned-teacher:0", "masked"})
    void designMatchesFiniteDifferences(String design) {
        String name = design.split(":")[0];
        GroupModel model = GroupModel.build(HierarchyFixtures.spec(
                (HierarchyHeads) Designs.heads(name, "model.heads")), 7, DataType.DOUBLE);
        Map<String, INDArray> feed = feed(model, HierarchyFixtures.batch(3, 11, DataType.DOUBLE));
        if (design.contains(":")) {
            feed.put(Phase.TRAINING, Nd4j.scalar(Double.parseDouble(design.split(":")[1])));
        }
        // the heads in full; the encoder through its input (every path back from the heads ends there) and one layer
        List<String> vars = new ArrayList<>(model.trainableVariables().stream().filter(v -> v.startsWith("head.")).toList());
        vars.add("encoder.layer.1.output.dense.weight");
        vars.add(EncoderInputs.EMBEDDINGS);
        double worst = FiniteDifferences.check(model.graph(), feed, GroupModel.LOSS, vars, 4, 1e-4);
        assertTrue(worst < 1e-4, "worst relative error " + worst);
    }

    @Test
    void maskedLastLevelIsAJointDistributionOverTaxonomyPathsAndItsLossIsTheSummedConditionals() {
        GroupModel model = GroupModel.build(HierarchyFixtures.spec(new MaskedHeads()), 5, DataType.DOUBLE);
        Batch batch = HierarchyFixtures.batch(4, 3, DataType.DOUBLE);
        Map<String, INDArray> out = model.graph().output(feed(model, batch), "pred.level0", "pred.level1",
                "pred.level2", "loss.level1");
        Taxonomy t = DecodingTest.TAX;
        for (int i = 0; i < 4; i++) {
            assertEquals(1.0, out.get("pred.level2").getRow(i).sumNumber().doubleValue(), 1e-12);
            // a parent's probability is the sum over its children's
            for (int p = 0; p < t.classes(1).size(); p++) {
                double children = 0;
                for (int c = 0; c < t.classes(2).size(); c++) {
                    children += t.parent(2, c) == p ? out.get("pred.level2").getDouble(i, c) : 0;
                }
                assertEquals(out.get("pred.level1").getDouble(i, p), children, 1e-12);
            }
        }
        // the level-1 loss is −mean log p(c0) p(c1 | c0), with p(c1 | c0) a softmax over c0's children only
        INDArray z0 = model.graph().output(feed(model, batch), "head.level0.log_joint").get("head.level0.log_joint");
        INDArray lp1 = model.graph().output(feed(model, batch), "head.level1.log_joint").get("head.level1.log_joint");
        INDArray y1 = batch.targets().get("target.level1");
        double expected = -lp1.mul(y1).sumNumber().doubleValue() / 4;
        assertEquals(expected, out.get("loss.level1").getDouble(0), 1e-10);
        assertTrue(z0.maxNumber().doubleValue() <= 0);
    }

    static Map<String, INDArray> feed(GroupModel model, Batch batch) {
        SameDiff sd = model.graph();
        sd.getVariable(EncoderInputs.EMBEDDINGS).setArray(model.tables().lookup(batch.ids(), batch.types()));
        Map<String, INDArray> feed = new HashMap<>(batch.targets());
        feed.put(EncoderInputs.MASK, batch.mask());
        feed.putAll(model.dropout().off());
        feed.put(Weighting.WEIGHTS, Nd4j.createFromArray(0.2, 0.3, 0.5));
        if (sd.hasVariable(Phase.TRAINING)) {
            feed.put(Phase.TRAINING, Nd4j.scalar(1.0));
        }
        return feed;
    }
}
