package org.polyhead.hierarchy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.polyhead.UserError;

/**
 * Reads a taxonomy from a file of parent → child edges, one per line ({@code parent<TAB>child} or
 * {@code parent -> child}; blank lines and {@code #} comments skipped). The edges must form a forest whose leaves all
 * lie at the same depth: a blank label, a child with two parents, a cycle or a ragged leaf fails with the file and line.
 */
public final class TaxonomyFile {
    private TaxonomyFile() {}

    private record Edge(String parent, int line) {}

    public static Taxonomy read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read the taxonomy: " + e.getMessage(), e);
        }
        Map<String, Edge> parentOf = new LinkedHashMap<>();
        Map<String, Integer> firstSeen = new LinkedHashMap<>();
        Set<String> hasChildren = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int n = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.contains("\t") ? line.split("\t", -1) : line.split("->", -1);
            if (parts.length != 2) {
                throw new UserError(file + ":" + n + ": expected 'parent<TAB>child' or 'parent -> child', got '"
                        + line + "'");
            }
            String parent = parts[0].strip();
            String child = parts[1].strip();
            if (parent.isEmpty() || child.isEmpty()) {
                throw new UserError(file + ":" + n + ": empty " + (parent.isEmpty() ? "parent" : "child") + " label");
            }
            if (parent.equals(child)) {
                throw new UserError(file + ":" + n + ": cycle: '" + child + "' is its own parent");
            }
            Edge seen = parentOf.putIfAbsent(child, new Edge(parent, n));
            if (seen != null && !seen.parent().equals(parent)) {
                throw new UserError(file + ":" + n + ": '" + child + "' is under '" + parent + "' here but under '"
                        + seen.parent() + "' at line " + seen.line());
            }
            firstSeen.putIfAbsent(parent, n);
            firstSeen.putIfAbsent(child, n);
            hasChildren.add(parent);
        }
        if (parentOf.isEmpty()) {
            throw new UserError(file + ": no edges: the taxonomy is empty");
        }
        Map<String, Integer> depth = new HashMap<>();
        for (String node : firstSeen.keySet()) {
            depth.put(node, depthOf(file, node, parentOf));
        }
        int leafDepth = -1;
        String firstLeaf = null;
        for (String node : firstSeen.keySet()) {
            if (hasChildren.contains(node)) {
                continue;
            }
            if (leafDepth < 0) {
                leafDepth = depth.get(node);
                firstLeaf = node;
            } else if (depth.get(node) != leafDepth) {
                throw new UserError(file + ":" + firstSeen.get(node) + ": leaf '" + node + "' is at level "
                        + (depth.get(node) + 1) + " but leaf '" + firstLeaf + "' (line " + firstSeen.get(firstLeaf)
                        + ") is at level " + (leafDepth + 1) + ": every path needs the same depth");
            }
        }
        List<TreeSet<String>> levels = new ArrayList<>();
        for (int k = 0; k <= leafDepth; k++) {
            levels.add(new TreeSet<>());
        }
        depth.forEach((node, d) -> levels.get(d).add(node));
        List<List<String>> classes = levels.stream().map(s -> (List<String>) List.copyOf(s)).toList();
        List<int[]> parents = new ArrayList<>();
        parents.add(null);
        for (int k = 1; k < classes.size(); k++) {
            int[] p = new int[classes.get(k).size()];
            for (int c = 0; c < p.length; c++) {
                p[c] = classes.get(k - 1).indexOf(parentOf.get(classes.get(k).get(c)).parent());
            }
            parents.add(p);
        }
        return new Taxonomy(classes, parents);
    }

    /** Writes the taxonomy's edges ({@code parent<TAB>child}), which {@link #read} turns back into the same taxonomy. */
    public static Path write(Taxonomy taxonomy, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("# parent<TAB>child\n");
        for (int k = 1; k < taxonomy.depth(); k++) {
            for (int c = 0; c < taxonomy.classes(k).size(); c++) {
                sb.append(taxonomy.classes(k - 1).get(taxonomy.parent(k, c))).append('\t')
                        .append(taxonomy.classes(k).get(c)).append('\n');
            }
        }
        Files.writeString(file, sb);
        return file;
    }

    /** Steps from the node up to its root; walking into a node already on the way up is a cycle. */
    private static int depthOf(Path file, String node, Map<String, Edge> parentOf) {
        Set<String> onPath = new HashSet<>();
        int d = 0;
        for (String at = node; parentOf.containsKey(at); at = parentOf.get(at).parent()) {
            if (!onPath.add(at)) {
                throw new UserError(file + ":" + parentOf.get(at).line() + ": cycle through '" + at + "'");
            }
            d++;
        }
        return d;
    }
}
