package org.polyhead.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.polyhead.pooling.ClsPooling;

/** What the head designs mean: which heads learn at π = 1, split ≡ separate, and only joint-softmax couples groups. */
class HeadSemanticsTest {

    private static GroupModel model(String design, long seed) {
        return model(design, "fixed", seed);
    }

    private static GroupModel model(String design, String weighting, long seed) {
        return GroupModel.build(new ModelSpec(HeadDesignGradientTest.oneLayer(), new ClsPooling(),
                Designs.heads(design, "model.heads"), Fixtures.twoGroups(),
                Designs.weighting(weighting, "model.weighting")), seed, DataType.DOUBLE);
    }

    private static Map<String, INDArray> feed(GroupModel m, INDArray weights) {
        Batch batch = Fixtures.batch(4, 5, 23, m.groups(), 5, DataType.DOUBLE);
        return HeadDesignGradientTest.feed(m, batch, weights);
    }

    /** The variables that belong to group z alone, and for split the columns of z's slice. */
    private static List<String> zHead(String design) {
        return switch (design) {
            case "separate" -> List.of("head.z.weight", "head.z.bias");
            case "separate-mlp" -> List.of("head.z.dense.weight", "head.z.dense.bias", "head.z.out.weight",
                    "head.z.out.bias");
            default -> List.of("head.split.weight", "head.split.bias");
        };
    }

    @ParameterizedTest
    @CsvSource({"split,fixed", "separate,fixed", "separate-mlp,fixed", "split,uncertainty", "separate,uncertainty",
            "separate-mlp,uncertainty", "split,chebyshev", "separate,chebyshev", "separate-mlp,chebyshev"})
    void piOneGivesTheSecondGroupsHeadExactlyZeroGradient(String design, String weighting) {
        GroupModel m = model(design, weighting, 3);
        Map<String, INDArray> feed = feed(m, Nd4j.createFromArray(1.0, 0.0));
        Map<String, INDArray> g = m.graph().calculateGradients(feed, zHead(design).toArray(String[]::new));
        for (String v : zHead(design)) {
            INDArray grad = g.get(v);
            if (design.equals("split")) {
                // columns 4..6 of the shared layer are group z's slice
                grad = grad.rank() == 2 ? grad.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 7))
                        : grad.get(NDArrayIndex.interval(4, 7));
            }
            assertEquals(0.0, grad.norm2Number().doubleValue(), 0.0, v);
        }
        String enc = "encoder.layer.0.output.dense.weight";
        assertTrue(m.graph().calculateGradients(feed, enc).get(enc).norm2Number().doubleValue() > 0,
                "the encoder still learns from group y");
    }

    @Test
    void jointSoftmaxAtPiOneStillTrainsTheSecondGroupsColumns() {
        GroupModel m = model("joint-softmax", 3);
        INDArray g = m.graph().calculateGradients(feed(m, Nd4j.createFromArray(1.0, 0.0)), "head.joint.bias")
                .get("head.joint.bias");
        assertTrue(g.get(NDArrayIndex.interval(4, 7)).norm2Number().doubleValue() > 1e-3,
                "the union's normaliser pushes group z's logits down even when only group y is trained");
    }

    @Test
    void splitWithPerSliceSoftmaxEqualsSeparateLinearHeadsWithCopiedWeights() {
        GroupModel separate = model("separate", 11);
        GroupModel split = model("split", 11);
        INDArray w = Nd4j.concat(1, separate.graph().getArrForVarName("head.y.weight"),
                separate.graph().getArrForVarName("head.z.weight"));
        INDArray b = Nd4j.concat(0, separate.graph().getArrForVarName("head.y.bias"),
                separate.graph().getArrForVarName("head.z.bias"));
        split.graph().getVariable("head.split.weight").setArray(w.dup());
        split.graph().getVariable("head.split.bias").setArray(b.dup());
        INDArray weights = Nd4j.createFromArray(0.4, 0.6);
        String[] outs = {"pred.y", "pred.z", "loss.y", "loss.z", GroupModel.LOSS};
        Map<String, INDArray> a = separate.graph().output(feed(separate, weights), outs);
        Map<String, INDArray> c = split.graph().output(feed(split, weights), outs);
        for (String o : outs) {
            assertTrue(a.get(o).equalsWithEps(c.get(o), 1e-12), o + ": " + a.get(o) + " vs " + c.get(o));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"joint-softmax", "split", "separate", "separate-mlp"})
    void onlyJointSoftmaxCouplesTheGroups(String design) {
        GroupModel m = model(design, 4);
        Map<String, INDArray> feed = feed(m, Nd4j.createFromArray(0.5, 0.5));
        INDArray before = m.graph().output(feed, "pred.z").get("pred.z").dup();
        String yBias = switch (design) {
            case "joint-softmax" -> "head.joint.bias";
            case "split" -> "head.split.bias";
            case "separate" -> "head.y.bias";
            default -> "head.y.out.bias";
        };
        INDArray bias = m.graph().getArrForVarName(yBias);
        bias.putScalar(0, bias.getDouble(0) + 2.0); // raise group y's first logit
        INDArray after = m.graph().output(feed, "pred.z").get("pred.z");
        double change = after.sub(before).norm2Number().doubleValue();
        if (design.equals("joint-softmax")) {
            assertTrue(change > 1e-3, "group z's probabilities must move, moved " + change);
        } else {
            assertEquals(0.0, change, 0.0);
        }
    }
}
