package org.polyhead.hierarchy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decoders and path metrics on constructed probabilities over a small taxonomy. */
class DecodingTest {
    // level 0: animal, plant; level 1: bird, fish, tree; level 2: oak, owl, parrot, trout
    static final Taxonomy TAX = Taxonomy.fromPaths("t", List.of(
            new LabelPath(1, List.of("animal", "bird", "parrot")), new LabelPath(2, List.of("animal", "bird", "owl")),
            new LabelPath(3, List.of("animal", "fish", "trout")), new LabelPath(4, List.of("plant", "tree", "oak"))));

    @Test
    void flatArgmaxCanOutputAPathOutsideTheTaxonomyAndConstrainedDecodingCannot() {
        // top level says plant, the lower levels say bird/owl: each level's argmax on its own is an impossible path
        List<double[]> probs = List.of(new double[] {0.45, 0.55}, new double[] {0.5, 0.1, 0.4},
                new double[] {0.3, 0.4, 0.2, 0.1});
        int[] flat = new ArgmaxDecoder().decode(probs);
        assertArrayEquals(new int[] {1, 0, 1}, flat);
        assertFalse(TAX.contains(flat), "plant → bird is not a path");
        int[] constrained = new ConstrainedDecoder(TAX).decode(probs);
        assertTrue(TAX.contains(constrained));
        // joint: animal/bird/owl = .45·.5·.4 = .09 beats plant/tree/oak = .55·.4·.3 = .066
        assertArrayEquals(new int[] {0, 0, 1}, constrained);
    }

    @Test
    void constrainedDecodingNeverLeavesTheTaxonomyOnRandomProbabilities() {
        Random rng = new Random(3);
        ConstrainedDecoder decoder = new ConstrainedDecoder(TAX);
        int flatOutside = 0;
        for (int i = 0; i < 500; i++) {
            List<double[]> probs = new ArrayList<>();
            for (int k = 0; k < TAX.depth(); k++) {
                probs.add(randomDistribution(rng, TAX.classes(k).size()));
            }
            assertTrue(TAX.contains(decoder.decode(probs)));
            assertTrue(TAX.contains(new MaskedHeads().decoder(TAX).decode(probs)), "the masked design's decoder");
            flatOutside += TAX.contains(new ArgmaxDecoder().decode(probs)) ? 0 : 1;
        }
        assertTrue(flatOutside > 0, "random independent heads do produce impossible paths");
    }

    @Test
    void pathMetricsCountExactPathsConsistencyAndAncestorCredit() {
        List<int[]> truth = List.of(new int[] {0, 0, 1}, new int[] {1, 2, 0});
        List<int[]> predicted = List.of(new int[] {0, 0, 2}, new int[] {1, 0, 1});
        Map<String, Double> m = HierarchyMetrics.of(TAX, predicted, truth);
        assertEquals(0.0, m.get(HierarchyMetrics.PATH_ACC));
        // links: (animal→bird ok, bird→parrot ok), (plant→bird no, bird→owl ok)
        assertEquals(0.75, m.get(HierarchyMetrics.CONSISTENCY), 1e-12);
        // example 1: P = {animal, bird, parrot}, T = {animal, bird, owl}: 2 shared of 3 and 3
        // example 2: P = {plant, bird, animal, owl} (ancestors of bird and owl added), T = {plant, tree, oak}: 1 shared
        double precision = 3.0 / 7;
        double recall = 3.0 / 6;
        assertEquals(2 * precision * recall / (precision + recall), m.get(HierarchyMetrics.HF1), 1e-12);
        assertEquals(1.0, HierarchyMetrics.of(TAX, truth, truth).get(HierarchyMetrics.HF1), 1e-12);
        assertEquals(1.0, HierarchyMetrics.of(TAX, truth, truth).get(HierarchyMetrics.PATH_ACC), 1e-12);
    }

    static double[] randomDistribution(Random rng, int n) {
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = rng.nextDouble();
            sum += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
