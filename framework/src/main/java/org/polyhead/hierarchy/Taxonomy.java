package org.polyhead.hierarchy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.polyhead.UserError;

/**
 * A fixed-depth label tree: the classes of each level (sorted, the order of the model's outputs) and each class's
 * parent one level up. Hierarchical heads bind to it (which children a parent may have), decoders search its paths, and
 * every training path must exist in it, so a model never learns a path the taxonomy forbids.
 */
public final class Taxonomy {
    private final List<List<String>> classes;
    private final List<int[]> parents;
    private final List<Map<String, Integer>> index = new ArrayList<>();

    /** @param parents per level k ≥ 1, the index in level k−1 of each class's parent (level 0 has none: null) */
    Taxonomy(List<List<String>> classes, List<int[]> parents) {
        this.classes = classes.stream().map(List::copyOf).toList();
        this.parents = List.copyOf(parents.subList(1, parents.size()));
        for (List<String> level : this.classes) {
            Map<String, Integer> m = new HashMap<>();
            for (int i = 0; i < level.size(); i++) {
                m.put(level.get(i), i);
            }
            index.add(m);
        }
    }

    /** The taxonomy the paths themselves describe; a blank label, a ragged depth or a label under two parents fails. */
    public static Taxonomy fromPaths(String source, List<LabelPath> paths) {
        if (paths.isEmpty()) {
            throw new UserError(source + ": no label paths to derive a taxonomy from");
        }
        int depth = paths.get(0).labels().size();
        List<Map<String, LabelPath>> parentSeen = new ArrayList<>();
        List<TreeSet<String>> levels = new ArrayList<>();
        for (int k = 0; k < depth; k++) {
            parentSeen.add(new HashMap<>());
            levels.add(new TreeSet<>());
        }
        for (LabelPath p : paths) {
            String at = source + ":" + p.line() + ": ";
            if (p.labels().size() != depth) {
                throw new UserError(at + "path has " + p.labels().size() + " levels but line " + paths.get(0).line()
                        + " has " + depth);
            }
            for (int k = 0; k < depth; k++) {
                String label = p.labels().get(k);
                if (label == null || label.isBlank()) {
                    throw new UserError(at + "level " + (k + 1) + " of the path is empty");
                }
                levels.get(k).add(label);
                if (k > 0) {
                    LabelPath seen = parentSeen.get(k).putIfAbsent(label, p);
                    if (seen != null && !seen.labels().get(k - 1).equals(p.labels().get(k - 1))) {
                        throw new UserError(at + "'" + label + "' (level " + (k + 1) + ") is under '"
                                + p.labels().get(k - 1) + "' here but under '" + seen.labels().get(k - 1)
                                + "' at line " + seen.line());
                    }
                }
            }
        }
        List<List<String>> classes = levels.stream().map(s -> (List<String>) List.copyOf(s)).toList();
        List<int[]> parents = new ArrayList<>();
        parents.add(null);
        for (int k = 1; k < depth; k++) {
            int[] parent = new int[classes.get(k).size()];
            for (int c = 0; c < parent.length; c++) {
                LabelPath p = parentSeen.get(k).get(classes.get(k).get(c));
                parent[c] = classes.get(k - 1).indexOf(p.labels().get(k - 1));
            }
            parents.add(parent);
        }
        return new Taxonomy(classes, parents);
    }

    public int depth() {
        return classes.size();
    }

    /** Classes of a level in output order. */
    public List<String> classes(int level) {
        return classes.get(level);
    }

    /** Index of class {@code c} of level {@code level ≥ 1}'s parent in level − 1. */
    public int parent(int level, int c) {
        return parents.get(level - 1)[c];
    }

    /** [C_{k−1}, C_k]: 1 where the column's class is a child of the row's class (each column holds exactly one 1). */
    public double[][] childMatrix(int level) {
        double[][] m = new double[classes.get(level - 1).size()][classes.get(level).size()];
        int[] p = parents.get(level - 1);
        for (int c = 0; c < p.length; c++) {
            m[p[c]][c] = 1;
        }
        return m;
    }

    /** Indices of the path's labels per level, or null when a label is unknown or a parent link is wrong. */
    public int[] indexOf(List<String> labels) {
        if (labels.size() != depth()) {
            return null;
        }
        int[] idx = new int[depth()];
        for (int k = 0; k < depth(); k++) {
            Integer i = index.get(k).get(labels.get(k));
            if (i == null || (k > 0 && parent(k, i) != idx[k - 1])) {
                return null;
            }
            idx[k] = i;
        }
        return idx;
    }

    /** Whether per-level class indices form a path of the tree. */
    public boolean contains(int[] path) {
        for (int k = 1; k < path.length; k++) {
            if (parent(k, path[k]) != path[k - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Every root-to-leaf path, one per leaf in leaf order (the leaf determines its ancestors). */
    public List<int[]> paths() {
        int last = depth() - 1;
        List<int[]> out = new ArrayList<>();
        for (int leaf = 0; leaf < classes.get(last).size(); leaf++) {
            int[] p = new int[depth()];
            p[last] = leaf;
            for (int k = last; k > 0; k--) {
                p[k - 1] = parent(k, p[k]);
            }
            out.add(p);
        }
        return out;
    }

    /** Fails with {@code source:line} for the first path the taxonomy does not hold. */
    public void requireAll(String source, List<LabelPath> paths) {
        for (LabelPath p : paths) {
            if (indexOf(p.labels()) == null) {
                throw new UserError(source + ":" + p.line() + ": path " + String.join(" → ", p.labels())
                        + " is not in the taxonomy");
            }
        }
    }
}
