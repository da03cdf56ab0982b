package org.polyhead.hierarchy;

import java.util.List;

/**
 * For designs whose last level is already the joint probability of each full path (a leaf has one path): the most
 * probable leaf and its ancestors, so the path with the highest joint probability, always inside the taxonomy.
 */
public final class LeafPathDecoder implements PathDecoder {
    private final List<int[]> paths;

    public LeafPathDecoder(Taxonomy taxonomy) {
        this.paths = taxonomy.paths();
    }

    @Override
    public int[] decode(List<double[]> levels) {
        double[] leaf = levels.get(levels.size() - 1);
        int best = 0;
        for (int c = 1; c < leaf.length; c++) {
            if (leaf[c] > leaf[best]) {
                best = c;
            }
        }
        return paths.get(best).clone();
    }
}
