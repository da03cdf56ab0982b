package org.polyhead.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which training rows each stage of staged training learns from: disjoint parts, one per level, drawn by a seeded
 * shuffle. Stage k's parent inputs are predicted by the models of stages &lt; k on stage k's own part, which none of
 * them trained on: a parent model's predictions on its own training data are far better than on unseen data, and a
 * child trained on those would learn to trust its parent too much.
 */
record StagePlan(int[] stageOf, int stages) {

    static StagePlan of(int rows, int stages, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] stageOf = new int[rows];
        for (int i = 0; i < rows; i++) {
            stageOf[order.get(i)] = (int) ((long) i * stages / rows);
        }
        return new StagePlan(stageOf, stages);
    }

    /** Training rows of a stage, ascending. */
    int[] rows(int stage) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < stageOf.length; i++) {
            if (stageOf[i] == stage) {
                rows.add(i);
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }
}
