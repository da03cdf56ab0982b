package org.polyhead.hierarchy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetType;
import org.polyhead.losses.FixedWeights;
import org.polyhead.model.Batch;
import org.polyhead.model.Fixtures;
import org.polyhead.model.ModelSpec;
import org.polyhead.pooling.MeanPooling;

/** The small 3-level taxonomy of {@link DecodingTest} as label groups, models and batches with consistent paths. */
final class HierarchyFixtures {
    private HierarchyFixtures() {}

    static List<LabelGroup> groups(Taxonomy t) {
        List<LabelGroup> groups = new ArrayList<>();
        for (int k = 0; k < t.depth(); k++) {
            groups.add(new LabelGroup("level" + k, TargetType.SOFTMAX, t.classes(k)));
        }
        return groups;
    }

    static ModelSpec spec(HierarchyHeads design) {
        return new ModelSpec(Fixtures.tinyEncoder(), new MeanPooling(), design.bind(DecodingTest.TAX),
                groups(DecodingTest.TAX), new FixedWeights());
    }

    /** A random batch whose targets are true taxonomy paths (a random leaf each). */
    static Batch batch(int b, long seed, DataType type) {
        Taxonomy t = DecodingTest.TAX;
        List<LabelGroup> groups = groups(t);
        Batch random = Fixtures.batch(b, 5, 23, groups, seed, type);
        Random rng = new Random(seed);
        Map<String, INDArray> targets = new HashMap<>();
        groups.forEach(g -> targets.put(g.targetName(), Nd4j.zeros(type, b, g.width())));
        for (int i = 0; i < b; i++) {
            int[] path = t.paths().get(rng.nextInt(t.paths().size()));
            for (int k = 0; k < path.length; k++) {
                targets.get(groups.get(k).targetName()).putScalar(i, path[k], 1.0);
            }
        }
        return new Batch(random.ids(), random.types(), random.mask(), targets);
    }
}
