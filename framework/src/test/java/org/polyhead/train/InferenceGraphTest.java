package org.polyhead.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.ArrayHolder;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.encoder.EncoderConfig;
import org.polyhead.heads.GroupHeads;
import org.polyhead.heads.JointSoftmaxHeads;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.SeparateHeads;
import org.polyhead.heads.SeparateMlpHeads;
import org.polyhead.heads.SplitHeads;
import org.polyhead.heads.TargetScale;
import org.polyhead.heads.TargetType;
import org.polyhead.hierarchy.ConditionedEmbeddingHeads;
import org.polyhead.hierarchy.ConditionedSoftHeads;
import org.polyhead.hierarchy.ConditionedTeacherHeads;
import org.polyhead.hierarchy.FlatHeads;
import org.polyhead.hierarchy.HierarchyHeads;
import org.polyhead.hierarchy.LabelPath;
import org.polyhead.hierarchy.MaskedHeads;
import org.polyhead.hierarchy.ParentInputHeads;
import org.polyhead.hierarchy.Taxonomy;
import org.polyhead.losses.ChebyshevWeights;
import org.polyhead.losses.FixedWeights;
import org.polyhead.losses.UncertaintyWeights;
import org.polyhead.losses.Weighting;
import org.polyhead.model.Batch;
import org.polyhead.model.Fixtures;
import org.polyhead.model.GroupModel;
import org.polyhead.model.ModelSpec;
import org.polyhead.pooling.ClsPooling;
import org.polyhead.pooling.ConcatPooling;
import org.polyhead.pooling.MeanPooling;
import org.polyhead.pooling.Pooling;
import org.polyhead.pooling.TargetPooling;
import org.polyhead.pooling.TargetSelection;

/**
 * Predictions and validation losses run on a second graph without dropout sites ({@link GroupModel#inference}); it
 * gives the training graph's dropout-off outputs for every head design, pooling and weighting, a cached frozen part
 * and teacher forcing's phase, before and after training steps, and never reads a parameter array the training graph
 * no longer holds.
 */
class InferenceGraphTest {
    private static final Taxonomy TAX = Taxonomy.fromPaths("t", List.of(
            new LabelPath(1, List.of("animal", "bird", "parrot")), new LabelPath(2, List.of("animal", "bird", "owl")),
            new LabelPath(3, List.of("animal", "fish", "trout")), new LabelPath(4, List.of("plant", "tree", "oak"))));
    private static final int B = 5;
    private static final int T = 6;
    private static final int PARENTS = 3;

    /** One model to compare: its spec, the encoder layers fed from the frozen cache, and extra graph outputs. */
    record Case(String name, ModelSpec spec, int cached, List<String> extra) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<LabelGroup> mixed = List.of(new LabelGroup("y", TargetType.SOFTMAX, List.of("A", "B", "C", "D")),
                new LabelGroup("m", TargetType.MULTILABEL, List.of("P", "Q", "R")),
                new LabelGroup("r", TargetType.REGRESSION, List.of("value")).withScale(new TargetScale(3, 2)));
        List<Case> cases = new ArrayList<>();
        cases.add(flat("separate", new SeparateHeads(), new MeanPooling(), mixed, new FixedWeights()));
        cases.add(flat("separate-mlp", new SeparateMlpHeads(), new ClsPooling(), mixed, new UncertaintyWeights()));
        cases.add(flat("joint-softmax", new JointSoftmaxHeads(), new MeanPooling(), mixed, new FixedWeights()));
        cases.add(flat("split", new SplitHeads(), new MeanPooling(), Fixtures.twoGroups(), new ChebyshevWeights()));
        cases.add(flat("pooling target", new SeparateHeads(), TargetPooling.first(), Fixtures.twoGroups(),
                new FixedWeights()));
        cases.add(flat("pooling target-mean", new SeparateHeads(), TargetPooling.mean(), Fixtures.twoGroups(),
                new FixedWeights()));
        cases.add(flat("pooling target+cls", new SplitHeads(),
                new ConcatPooling(TargetPooling.first(), new ClsPooling()), Fixtures.twoGroups(), new FixedWeights()));
        cases.add(flat("staged parent input", new ParentInputHeads(PARENTS), new MeanPooling(), Fixtures.twoGroups(),
                new FixedWeights()));
        for (HierarchyHeads h : List.of(new FlatHeads(), new ConditionedSoftHeads(), new ConditionedEmbeddingHeads(),
                new ConditionedTeacherHeads(), new MaskedHeads())) {
            HierarchyHeads bound = h.bind(TAX);
            List<LabelGroup> levels = levels();
            cases.add(new Case("hierarchy " + h.getClass().getSimpleName(), spec(bound, new MeanPooling(), levels,
                    new FixedWeights(), 2), 0, bound.diagnosticOutputs(levels)));
        }
        cases.add(new Case("cached frozen layer", spec(new SeparateHeads(), new MeanPooling(), Fixtures.twoGroups(),
                new FixedWeights(), 3), 1, List.of()));
        List<Arguments> args = new ArrayList<>();
        for (Case c : cases) {
            args.add(Arguments.of(c, DataType.FLOAT, 1e-6));
            args.add(Arguments.of(c, DataType.DOUBLE, 1e-12));
        }
        return args.stream();
    }

    private static Case flat(String name, GroupHeads heads, Pooling pooling, List<LabelGroup> groups, Weighting w) {
        return new Case(name, spec(heads, pooling, groups, w, 2), 0, List.of());
    }

    private static ModelSpec spec(GroupHeads heads, Pooling pooling, List<LabelGroup> groups, Weighting w, int layers) {
        EncoderConfig e = Fixtures.tinyEncoder();
        EncoderConfig enc = new EncoderConfig(e.vocabSize(), e.hidden(), layers, e.heads(), e.intermediate(),
                e.maxPositions(), e.typeVocabSize(), e.layerNormEps(), 0.2);
        return new ModelSpec(enc, pooling, heads, groups, w);
    }

    private static List<LabelGroup> levels() {
        List<LabelGroup> groups = new ArrayList<>();
        for (int k = 0; k < TAX.depth(); k++) {
            groups.add(new LabelGroup("level" + k, TargetType.SOFTMAX, TAX.classes(k)));
        }
        return groups;
    }

    /**
     * A padded batch with every array some design reads: targets (true taxonomy paths for levels), both target
     * selections and the staged design's parent probabilities.
     */
    private static Batch batch(List<LabelGroup> groups, long seed, DataType type) {
        Batch b = Fixtures.batch(B, T, Fixtures.tinyEncoder().vocabSize(), groups, seed, type);
        Random rng = new Random(seed);
        Map<String, INDArray> arrays = new HashMap<>(b.targets());
        if (groups.get(0).name().equals("level0")) {
            groups.forEach(g -> arrays.put(g.targetName(), Nd4j.zeros(type, B, g.width())));
            for (int i = 0; i < B; i++) {
                int[] path = TAX.paths().get(rng.nextInt(TAX.paths().size()));
                for (int k = 0; k < path.length; k++) {
                    arrays.get(groups.get(k).targetName()).putScalar(i, path[k], 1.0);
                }
            }
        }
        INDArray first = Nd4j.zeros(type, B, T);
        INDArray mean = Nd4j.zeros(type, B, T);
        for (int i = 0; i < B; i++) {
            first.putScalar(i, 1, 1.0);
            mean.putScalar(i, 0, 0.5);
            mean.putScalar(i, 1, 0.5);
        }
        arrays.put(TargetSelection.FIRST, first);
        arrays.put(TargetSelection.MEAN, mean);
        arrays.put(ParentInputHeads.PARENT, Nd4j.rand(type, B, PARENTS));
        return new Batch(b.ids(), b.types(), b.mask(), arrays);
    }

    private static Trainer trainer(GroupModel model) {
        return new Trainer(model, OptimConfig.adam(1e-2, 0, 0), new ParameterGroups(1e-2, model.cachedLayers()), 3);
    }

    private static List<String> names(Case c) {
        List<String> names = new ArrayList<>(List.of(GroupModel.LOSS));
        for (LabelGroup g : c.spec().groups()) {
            names.add(g.predictionName());
            names.add(g.lossName());
        }
        names.addAll(c.extra());
        return names;
    }

    /** The training graph's outputs with every dropout site fed a 1, as predictions ran before the inference graph. */
    private static Map<String, INDArray> trainingGraph(Trainer trainer, GroupModel model, Batch batch, double[] w,
                                                       List<String> names) {
        Map<String, INDArray> feed = trainer.feed(batch, 1.0, false);
        float[] weights = new float[w.length]; // as the trainer feeds them
        for (int i = 0; i < w.length; i++) {
            weights[i] = (float) w[i];
        }
        feed.put(Weighting.WEIGHTS, Nd4j.createFromArray(weights).castTo(batch.mask().dataType()));
        return model.graph().output(feed, names.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void theInferenceGraphGivesTheTrainingGraphsDropoutOffOutputs(Case c, DataType type, double tolerance) {
        GroupModel model = GroupModel.build(c.spec(), 7, type, c.cached());
        Trainer trainer = trainer(model);
        double[] w = new double[c.spec().groups().size()];
        java.util.Arrays.fill(w, 1.0 / w.length);
        List<String> names = names(c);
        Batch validation = batch(c.spec().groups(), 11, type);
        for (int round = 0; round < 2; round++) {
            compare(trainer, model, validation, w, names, tolerance, c + " after " + 3 * round + " steps");
            for (int s = 0; s < 3; s++) {
                trainer.step(batch(c.spec().groups(), 20 + s, type), w);
            }
        }
        compare(trainer, model, validation, w, names, tolerance, c + " after 6 steps");
    }

    private static void compare(Trainer trainer, GroupModel model, Batch batch, double[] w, List<String> names,
                                double tolerance, String what) {
        Map<String, INDArray> expected = trainingGraph(trainer, model, batch, w, names);
        Map<String, INDArray> actual = trainer.outputs(batch, w, names);
        Map<String, INDArray> predicted = trainer.predict(batch);
        for (String n : names) {
            double diff = expected.get(n).sub(actual.get(n)).amaxNumber().doubleValue();
            assertEquals(0.0, diff, tolerance, what + ": " + n);
            if (predicted.containsKey(n)) {
                assertEquals(0.0, expected.get(n).sub(predicted.get(n)).amaxNumber().doubleValue(), tolerance,
                        what + ": predict " + n);
            }
        }
    }

    @Test
    void aParameterArrayReplacedInTheTrainingGraphIsWhatTheNextPredictionReads() {
        Case c = new Case("separate", spec(new SeparateHeads(), new MeanPooling(), Fixtures.twoGroups(),
                new FixedWeights(), 2), 0, List.of());
        GroupModel model = GroupModel.build(c.spec(), 7, DataType.DOUBLE);
        Trainer trainer = trainer(model);
        Batch batch = batch(c.spec().groups(), 11, DataType.DOUBLE);
        double[] w = {0.5, 0.5};
        Map<String, INDArray> before = trainer.predict(batch); // builds the inference graph on the old arrays
        String set = "head.y.weight";
        INDArray old = model.graph().getVariable(set).getArr();
        model.graph().getVariable(set).setArray(old.mul(3).addi(0.1)); // SameDiff M2.1 copies into the old array
        String replaced = "encoder.layer.1.output.LayerNorm.weight";
        ArrayHolder arrays = model.graph().getVariablesArrays(); // a new array object in the training graph
        INDArray previous = arrays.getArray(replaced);
        arrays.removeArray(replaced);
        arrays.setArray(replaced, previous.mul(3).addi(0.1));
        assertSame(old, model.graph().getVariable(set).getArr(), "setArray assigned in place");
        assertNotSame(previous, model.graph().getVariable(replaced).getArr(), "a replaced array");
        Map<String, INDArray> after = trainer.predict(batch);
        assertNotEquals(0.0, before.get("pred.y").sub(after.get("pred.y")).amaxNumber().doubleValue(),
                "the replaced arrays change the prediction");
        List<String> names = names(c);
        Map<String, INDArray> expected = trainingGraph(trainer, model, batch, w, names);
        after = trainer.outputs(batch, w, names);
        for (String n : names) {
            assertEquals(0.0, expected.get(n).sub(after.get(n)).amaxNumber().doubleValue(), 1e-12, n);
        }
        trainer.step(batch, w); // Adam updates the replaced arrays in place; both graphs see it
        compare(trainer, model, batch, w, names, 1e-12, "after a step on replaced arrays");
    }

    @Test
    void theInferenceGraphHoldsTheTrainingGraphsArraysAndRunsNoDropoutOrGammaSpread() {
        ModelSpec spec = spec(new SeparateHeads(), new MeanPooling(), Fixtures.twoGroups(), new FixedWeights(), 2);
        GroupModel model = GroupModel.build(spec, 7, DataType.FLOAT);
        GroupModel inference = model.inference();
        assertEquals(model.trainableVariables().size(), inference.trainableVariables().size());
        for (String name : model.trainableVariables()) {
            assertSame(model.graph().getVariable(name).getArr(), inference.graph().getVariable(name).getArr(), name);
        }
        assertSame(model.tables(), inference.tables(), "one set of embedding tables");
        assertTrue(inference.dropout().off().isEmpty(), "no dropout sites");
        Trainer trainer = new Trainer(model, OptimConfig.adam(1e-2, 0, 0), 3);
        Batch batch = batch(spec.groups(), 11, DataType.FLOAT);
        Map<String, Integer> training = opCounts(model.graph(), () -> trainingGraph(trainer, model, batch,
                new double[] {0.5, 0.5}, List.of("pred.y", "pred.z")));
        Map<String, Integer> predicted = opCounts(inference.graph(), () -> inference.graph().output(
                trainer.feed(inference, batch, Map.of(), false), "pred.y", "pred.z"));
        int layerNorms = 1 + 2 * spec.encoder().layers();
        int sites = 1 + 3 * spec.encoder().layers();
        assertEquals(training.get("multiply") - sites, predicted.get("multiply"), "one multiply per site fewer");
        assertEquals(training.get("matmul") - layerNorms, predicted.getOrDefault("matmul", 0), "no 1·γᵀ");
        assertEquals(layerNorms, training.get("ones_as"));
        assertEquals(null, predicted.get("ones_as"));
    }

    /** How many ops of each kind {@code run} executes on {@code sd}. */
    private static Map<String, Integer> opCounts(SameDiff sd, Runnable run) {
        Map<String, Integer> counts = new HashMap<>();
        BaseListener counter = new BaseListener() {
            @Override
            public boolean isActive(Operation operation) {
                return true;
            }

            @Override
            public void preOpExecution(SameDiff s, At at, SameDiffOp op, OpContext ctx) {
                counts.merge(op.getOp().opName(), 1, Integer::sum);
            }
        };
        sd.addListeners(counter);
        try {
            run.run();
        } finally {
            sd.getListeners().remove(counter);
        }
        return counts;
    }
}
