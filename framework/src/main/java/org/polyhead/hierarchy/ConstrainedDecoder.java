package org.polyhead.hierarchy;

import java.util.List;

/**
 * The taxonomy path with the highest joint score Σ_k log p_k(c_k): by construction never a path outside the taxonomy.
 * For independent heads this is the joint probability of the path; an exhaustive search, cheap for taxonomies of
 * hundreds of leaves.
 */
public final class ConstrainedDecoder implements PathDecoder {
    private static final double FLOOR = 1e-300;
    private final List<int[]> paths;

    public ConstrainedDecoder(Taxonomy taxonomy) {
        this.paths = taxonomy.paths();
    }

    @Override
    public int[] decode(List<double[]> levels) {
        int[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int[] path : paths) {
            double score = 0;
            for (int k = 0; k < path.length; k++) {
                score += Math.log(Math.max(levels.get(k)[path[k]], FLOOR));
            }
            if (best == null || score > bestScore) {
                best = path;
                bestScore = score;
            }
        }
        return best.clone();
    }
}
