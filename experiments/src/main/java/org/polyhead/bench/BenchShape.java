package org.polyhead.bench;

import java.util.ArrayList;
import java.util.List;
import org.polyhead.encoder.EncoderConfig;

/**
 * One benchmarked configuration: encoder shape and batch, identical on the polyhead and PyTorch sides. Both sides take
 * it as the same {@code --key value} arguments ({@link #args()}), so one description drives both processes.
 */
public record BenchShape(String name, int layers, int hidden, int heads, int intermediate, int vocab, int batch,
                         int seq, int reps, int warmup) {
    /** Two softmax groups (8 and 4 classes, like sotu's party and era), weighted π and 1 − π. */
    public static final int[] CLASSES = {8, 4};
    public static final double PI = 0.5;
    public static final double DROPOUT = 0.1;
    public static final int MAX_POSITIONS = EncoderConfig.BERT_MAX_POSITIONS;
    /** BERT's uncased WordPiece vocabulary (all-MiniLM-L6-v2 uses it). */
    public static final int BERT_VOCAB = 30522;

    /** all-MiniLM-L6-v2's shape. */
    public static BenchShape miniLm(int batch, int seq, int reps, int warmup) {
        return new BenchShape("minilm", 6, 384, 12, 1536, BERT_VOCAB, batch, seq, reps, warmup);
    }

    /** polyhead's small from-scratch encoder ({@code EncoderConfig.small}). */
    public static BenchShape small(int batch, int seq, int reps, int warmup) {
        return new BenchShape("small", 2, 128, 4, 512, BERT_VOCAB, batch, seq, reps, warmup);
    }

    /** A few-hundred-parameter shape for smoke tests of the bench code path. */
    public static BenchShape tiny(int batch, int seq, int reps, int warmup) {
        return new BenchShape("tiny", 1, 16, 2, 32, 50, batch, seq, reps, warmup);
    }

    /** Inference throughput, sequences per second, of a batch of this shape taking {@code ms} milliseconds. */
    public double sequencesPerSecond(double ms) {
        return batch / (ms / 1000);
    }

    public List<String> args() {
        List<String> a = new ArrayList<>();
        for (String[] kv : new String[][] {{"name", name}, {"layers", "" + layers}, {"hidden", "" + hidden},
                {"heads", "" + heads}, {"intermediate", "" + intermediate}, {"vocab", "" + vocab},
                {"batch", "" + batch}, {"seq", "" + seq}, {"reps", "" + reps}, {"warmup", "" + warmup}}) {
            a.add("--" + kv[0]);
            a.add(kv[1]);
        }
        return a;
    }

    /** Inverse of {@link #args()}. */
    public static BenchShape parse(String[] args) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            m.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return new BenchShape(m.get("name"), Integer.parseInt(m.get("layers")), Integer.parseInt(m.get("hidden")),
                Integer.parseInt(m.get("heads")), Integer.parseInt(m.get("intermediate")),
                Integer.parseInt(m.get("vocab")), Integer.parseInt(m.get("batch")), Integer.parseInt(m.get("seq")),
                Integer.parseInt(m.get("reps")), Integer.parseInt(m.get("warmup")));
    }
}
