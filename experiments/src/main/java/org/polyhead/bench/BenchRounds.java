package org.polyhead.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One side's results over several rounds (a fresh process each, alternating with the other side so that both see the
 * same drift of a shared machine): the medians over every measured repetition of every round, and the highest peak
 * memory of any round.
 */
public final class BenchRounds {
    private BenchRounds() {}

    public static ObjectNode merge(List<ObjectNode> rounds, BenchShape s) {
        ObjectNode out = merge(rounds, "train_step", "inference");
        out.put("inference_seq_per_s", s.sequencesPerSecond(out.get("inference_ms").asDouble()));
        return out;
    }

    /** A trial's rounds: training steps and validation passes; validation throughput in rows per second. */
    public static ObjectNode mergeTrial(List<ObjectNode> rounds) {
        ObjectNode out = merge(rounds, "train_step", "validation");
        out.put("validation_seq_per_s",
                out.get("validation_rows").asDouble() / (out.get("validation_ms").asDouble() / 1000));
        return out;
    }

    private static ObjectNode merge(List<ObjectNode> rounds, String... keys) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("no rounds to merge");
        }
        ObjectNode out = rounds.get(0).deepCopy();
        for (String key : keys) {
            Samples all = Samples.read(rounds.get(0), key);
            for (ObjectNode r : rounds.subList(1, rounds.size())) {
                all = all.plus(Samples.read(r, key));
            }
            all.put(out, key);
        }
        for (String key : new String[] {"peak_rss_mb", "peak_gpu_mb"}) {
            if (out.has(key)) {
                out.put(key, rounds.stream().mapToDouble(r -> r.get(key).asDouble()).max().orElseThrow());
            }
        }
        out.put("rounds", rounds.size());
        return out;
    }
}
