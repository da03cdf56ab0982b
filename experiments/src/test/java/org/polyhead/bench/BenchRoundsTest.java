package org.polyhead.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rounds merge into medians over every repetition of every round, and the highest peak memory. */
class BenchRoundsTest {
    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode round(double peak, List<Double> step, List<Double> infer) {
        ObjectNode r = json.createObjectNode();
        r.put("side", "pytorch");
        r.put("peak_rss_mb", peak);
        new Samples(step, step.stream().map(x -> x + 1).toList()).put(r, "train_step");
        new Samples(infer, infer).put(r, "inference");
        return r;
    }

    @Test
    void mediansAreOverAllRepetitionsOfAllRounds() {
        BenchShape s = BenchShape.tiny(4, 8, 3, 1);
        ObjectNode a = round(900, List.of(10.0, 11.0, 30.0), List.of(2.0, 2.0, 2.0));
        ObjectNode b = round(950, List.of(12.0, 13.0, 14.0), List.of(4.0, 4.0, 8.0));
        assertEquals(11.0, a.get("train_step_ms").asDouble()); // one round's own median
        ObjectNode m = BenchRounds.merge(List.of(a, b), s);
        assertEquals(12.5, m.get("train_step_ms").asDouble()); // 10 11 12 13 14 30
        assertEquals(13.5, m.get("train_step_cpu_ms").asDouble());
        assertEquals(3.0, m.get("inference_ms").asDouble()); // 2 2 2 4 4 8
        assertEquals(4 / 0.003, m.get("inference_seq_per_s").asDouble(), 1e-9);
        assertEquals(950, m.get("peak_rss_mb").asDouble());
        assertEquals(6, m.get("train_step_samples_ms").size());
        assertEquals(2, m.get("rounds").asInt());
        assertFalse(m.has("peak_gpu_mb"));
        assertEquals(11.0, a.get("train_step_ms").asDouble(), "the rounds themselves are left as they were");
    }

    /** A trial's validation throughput is its validation rows over the median pass over every round. */
    @Test
    void trialRoundsMergeTheirValidationPasses() {
        ObjectNode a = round(1200, List.of(10.0, 20.0), List.of(1.0));
        ObjectNode b = round(1500, List.of(30.0, 40.0), List.of(1.0));
        for (ObjectNode r : List.of(a, b)) {
            r.put("validation_rows", 400);
        }
        new Samples(List.of(1000.0, 3000.0), List.of(900.0, 2900.0)).put(a, "validation");
        new Samples(List.of(2000.0, 4000.0), List.of(1900.0, 3900.0)).put(b, "validation");
        ObjectNode m = BenchRounds.mergeTrial(List.of(a, b));
        assertEquals(25.0, m.get("train_step_ms").asDouble()); // 10 20 30 40
        assertEquals(2500.0, m.get("validation_ms").asDouble()); // 1000 2000 3000 4000
        assertEquals(2400.0, m.get("validation_cpu_ms").asDouble());
        assertEquals(400 / 2.5, m.get("validation_seq_per_s").asDouble(), 1e-9);
        assertEquals(1500, m.get("peak_rss_mb").asDouble());
        assertEquals(4, m.get("validation_cpu_samples_ms").size());
    }

    @Test
    void aSideWithoutSamplesIsAnError() {
        ObjectNode bare = json.createObjectNode();
        bare.put("train_step_ms", 1.0);
        assertThrows(IllegalStateException.class, () -> BenchRounds.merge(List.of(bare), BenchShape.tiny(1, 8, 1, 1)));
    }
}
