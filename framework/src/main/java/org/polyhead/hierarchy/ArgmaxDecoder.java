package org.polyhead.hierarchy;

import java.util.List;

/** The most probable class of each level on its own: what independent heads predict, possibly an impossible path. */
public final class ArgmaxDecoder implements PathDecoder {
    @Override
    public int[] decode(List<double[]> levels) {
        int[] path = new int[levels.size()];
        for (int k = 0; k < path.length; k++) {
            double[] p = levels.get(k);
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[path[k]]) {
                    path[k] = c;
                }
            }
        }
        return path;
    }
}
