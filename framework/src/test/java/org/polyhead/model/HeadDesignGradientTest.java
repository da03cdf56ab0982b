package org.polyhead.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.encoder.EncoderConfig;
import org.polyhead.encoder.EncoderInputs;
import org.polyhead.graph.FiniteDifferences;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetScale;
import org.polyhead.heads.TargetType;
import org.polyhead.losses.Weighting;
import org.polyhead.pooling.MeanPooling;

/**
 * Every head design × target type (and regression loss) × weighting scheme against central finite differences in
 * double precision, on a one-layer encoder: group {@code y} has the type under test, group {@code z} is a softmax group.
 */
class HeadDesignGradientTest {
    static final List<String> DESIGNS = List.of("split", "separate", "separate-mlp", "joint-softmax");
    static final List<String> WEIGHTINGS = List.of("fixed", "uncertainty", "chebyshev");

    static LabelGroup groupUnderTest(String target) {
        return switch (target) {
            case "softmax" -> new LabelGroup("y", TargetType.SOFTMAX, List.of("A", "B", "C", "D"));
            case "multilabel" -> new LabelGroup("y", TargetType.MULTILABEL, List.of("A", "B", "C"));
            case "mse" -> new LabelGroup("y", TargetType.REGRESSION, List.of());
            // standardised targets: the graph scales y and un-scales the prediction
            case "huber+scale" -> new LabelGroup("y", TargetType.REGRESSION, List.of(), "huber",
                    new TargetScale(0.5, 0.4));
            default -> throw new IllegalArgumentException(target);
        };
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String d : DESIGNS) {
            for (String t : System.getProperty("gc.types", "softmax,multilabel,mse,huber+scale").split(",")) {
                for (String w : WEIGHTINGS) {
                    all.add(Arguments.of(d, t, w));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(String design, String target, String weighting) {
        List<LabelGroup> groups = List.of(groupUnderTest(target),
                new LabelGroup("z", TargetType.SOFTMAX, List.of("X", "Y", "Z")));
        ModelSpec spec = new ModelSpec(oneLayer(), new MeanPooling(), Designs.heads(design, "model.heads"), groups,
                Designs.weighting(weighting, "model.weighting"));
        GroupModel model = GroupModel.build(spec, 5, DataType.DOUBLE);
        Batch batch = Fixtures.batch(3, 4, 23, groups, 9, DataType.DOUBLE);
        Map<String, INDArray> feed = feed(model, batch, Nd4j.createFromArray(0.3, 0.7));
        List<String> vars = new ArrayList<>(model.trainableVariables().stream()
                .filter(v -> v.startsWith("head.") || v.startsWith("loss."))
                .toList());
        vars.add(EncoderInputs.EMBEDDINGS); // its gradient runs back through the whole encoder
        double worst = FiniteDifferences.check(model.graph(), feed, GroupModel.LOSS, vars, 3, 1e-4);
        assertTrue(worst < 1e-4, "worst relative error " + worst);
    }

    static EncoderConfig oneLayer() {
        EncoderConfig e = Fixtures.tinyEncoder();
        return new EncoderConfig(e.vocabSize(), e.hidden(), 1, e.heads(), e.intermediate(), e.maxPositions(),
                e.typeVocabSize(), e.layerNormEps(), e.dropout());
    }

    /** Embeddings set, mask, dropout off and the given loss weights. */
    static Map<String, INDArray> feed(GroupModel model, Batch batch, INDArray weights) {
        model.graph().getVariable(EncoderInputs.EMBEDDINGS).setArray(model.tables().lookup(batch.ids(), batch.types()));
        Map<String, INDArray> feed = new HashMap<>(batch.targets());
        feed.put(EncoderInputs.MASK, batch.mask());
        feed.putAll(model.dropout().off());
        feed.put(Weighting.WEIGHTS, weights);
        return feed;
    }
}
