package org.polyhead.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs shaped like the ones the sweep runner stores (params, last metrics, provenance tags), for report tests. */
final class Fixtures {
    private Fixtures() {}

    static TrackedRuns.RunRow run(String id, Map<String, String> params, Map<String, Double> metrics) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.putIfAbsent("groups", "[{\"name\":\"party\"},{\"name\":\"era\"}]");
        p.putIfAbsent("data.name", "sotu");
        p.putIfAbsent("sweep.grid.training.seed", "[1,2]");
        Map<String, String> tags = Map.of("polyhead.git_commit", "abc123", "polyhead.git_dirty", "false",
                "polyhead.dataset", "sotu", "polyhead.dataset_sha256", "d0e1f2", "polyhead.spec", "spec.yaml",
                "polyhead.config_hash", "hash-" + id, "mlflow.parentRunId", "parent1");
        return new TrackedRuns.RunRow(id, id, "FINISHED", p, metrics, tags, 0L);
    }

    /** π ∈ {0, 0.5, 1} × heads ∈ {split, separate} × seeds {1, 2}; split is better on party, separate on era. */
    static List<TrackedRuns.RunRow> piSweep() {
        List<TrackedRuns.RunRow> out = new ArrayList<>();
        int i = 0;
        for (String pi : List.of("0.0", "0.5", "1.0")) {
            for (String heads : List.of("split", "separate")) {
                for (int seed = 1; seed <= 2; seed++) {
                    double p = Double.parseDouble(pi);
                    double bonus = heads.equals("split") ? 0.05 : -0.05;
                    double noise = seed * 0.001;
                    out.add(run("r" + i++, Map.of("loss.pi", pi, "pi", pi, "model.heads", heads,
                                    "training.seed", Integer.toString(seed)),
                            Map.of("val_acc_party", 0.4 + 0.3 * p + bonus + noise, "val_acc_era", 0.7 - 0.3 * p - bonus + noise,
                                    "val_f1_party", 0.3 + 0.2 * p, "val_f1_era", 0.5 - 0.2 * p, "val_loss_party", 1.0)));
                }
            }
        }
        return out;
    }

    /** Two hierarchical head designs × two seeds with per-level, path and consistency metrics. */
    static List<TrackedRuns.RunRow> hierarchy() {
        List<TrackedRuns.RunRow> out = new ArrayList<>();
        int i = 0;
        for (String heads : List.of("flat", "masked")) {
            for (int seed = 1; seed <= 2; seed++) {
                double b = heads.equals("masked") ? 0.1 : 0.0;
                out.add(run("h" + i++, Map.of("model.heads", heads, "training.seed", Integer.toString(seed)),
                        Map.of("val_acc_l1", 0.8 + b, "val_acc_l2", 0.6 + b, "val_acc_l3", 0.4 + b + seed * 0.01,
                                "val_path_acc", 0.35 + b, "val_consistency", 0.7 + 2 * b, "val_hf1", 0.55 + b)));
            }
        }
        return out;
    }

    /** Three poolings × two seeds of a binary target task (its one group is named {@code label}). */
    static List<TrackedRuns.RunRow> pooling() {
        List<TrackedRuns.RunRow> out = new ArrayList<>();
        int i = 0;
        for (String pooling : List.of("cls", "mean", "target")) {
            for (int seed = 1; seed <= 2; seed++) {
                double b = pooling.equals("target") ? 0.15 : 0.0;
                out.add(run("t" + i++, Map.of("model.pooling", pooling, "training.seed", Integer.toString(seed)),
                        Map.of("val_acc_label", 0.6 + b + seed * 0.01, "val_f1_label", 0.58 + b, "val_auc_label", 0.65 + b)));
            }
        }
        return out;
    }
}
