package org.polyhead.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.Polyhead;
import org.polyhead.ProcessStatus;
import org.polyhead.encoder.EncoderConfig;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.SeparateHeads;
import org.polyhead.heads.TargetType;
import org.polyhead.losses.FixedWeights;
import org.polyhead.model.Batch;
import org.polyhead.model.GroupModel;
import org.polyhead.model.ModelSpec;
import org.polyhead.pooling.MeanPooling;
import org.polyhead.train.OptimConfig;
import org.polyhead.train.Trainer;

/**
 * polyhead side of {@code polyhead bench}, run in a fresh JVM per shape so that its peak memory is its own: the
 * Trainer path of a real run (encoder → mean pooling → two separate softmax heads → π-weighted loss, forward,
 * backward, Adam over every parameter including the embedding tables, dropout masks drawn per step) and
 * {@link Trainer#predict} for inference. Prints one JSON object on stdout, the same keys as python/bench_torch.py.
 */
public final class PolyheadBench {
    private PolyheadBench() {}

    public static void main(String[] args) throws IOException {
        BenchShape s = BenchShape.parse(args);
        guardMemory(Long.getLong("polyhead.bench.maxRssMb", availableMb() * 8 / 10));
        System.out.println(new ObjectMapper().writeValueAsString(measure(s)));
        System.exit(0);
    }

    static ObjectNode measure(BenchShape s) throws IOException {
        EncoderConfig enc = EncoderConfig.bert(s.vocab(), s.hidden(), s.layers(), s.heads(), s.intermediate(),
                BenchShape.DROPOUT);
        List<LabelGroup> groups = new ArrayList<>();
        for (int g = 0; g < BenchShape.CLASSES.length; g++) {
            List<String> classes = new ArrayList<>();
            for (int c = 0; c < BenchShape.CLASSES[g]; c++) {
                classes.add("c" + c);
            }
            groups.add(new LabelGroup("g" + g, TargetType.SOFTMAX, classes));
        }
        ModelSpec spec = new ModelSpec(enc, new MeanPooling(), new SeparateHeads(), groups, new FixedWeights());
        Trainer trainer = new Trainer(GroupModel.build(spec, 1), OptimConfig.adam(1e-4, 0, 0), 1);
        Batch batch = batch(s, groups);
        double[] weights = {BenchShape.PI, 1 - BenchShape.PI};
        Samples step = Samples.of(() -> trainer.step(batch, weights).get("loss"), s.warmup(), s.reps());
        Samples infer = Samples.of(() -> trainer.predict(batch).values().iterator().next().getDouble(0),
                s.warmup(), s.reps());
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("side", "polyhead");
        out.put("name", s.name());
        out.put("version", Polyhead.VERSION + " (SameDiff 1.0.0-M2.1, " + Nd4j.getBackend().getClass().getSimpleName() + ")");
        out.put("device", org.polyhead.provenance.Provenance.device());
        out.put("threads", Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", "0")));
        step.put(out, "train_step");
        infer.put(out, "inference");
        out.put("inference_seq_per_s", s.sequencesPerSecond(out.get("inference_ms").asDouble()));
        out.put("peak_rss_mb", peakRssMb());
        return out;
    }

    /** Full-length random sequences (no padding, as on the PyTorch side) and random one-hot targets. */
    private static Batch batch(BenchShape s, List<LabelGroup> groups) {
        Random rng = new Random(1);
        int[][] ids = new int[s.batch()][s.seq()];
        for (int[] row : ids) {
            for (int j = 0; j < row.length; j++) {
                row[j] = 1 + rng.nextInt(s.vocab() - 1);
            }
        }
        Map<String, INDArray> targets = new HashMap<>();
        for (LabelGroup g : groups) {
            INDArray y = Nd4j.zeros(DataType.FLOAT, s.batch(), g.width());
            for (int i = 0; i < s.batch(); i++) {
                y.putScalar(i, rng.nextInt(g.width()), 1.0);
            }
            targets.put(g.targetName(), y);
        }
        return new Batch(ids, new int[s.batch()][s.seq()], Nd4j.ones(DataType.FLOAT, s.batch(), s.seq()), targets);
    }

    /**
     * Exits (status 3) once the resident set passes {@code maxMb}, so that a shape too large for the machine fails as
     * one recorded line instead of waking the kernel's out-of-memory killer, which may pick another process.
     */
    static void guardMemory(long maxMb) {
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    if (ProcessStatus.megabytes("VmRSS") > maxMb) {
                        System.err.println("peak resident memory passed " + maxMb + " MB (80% of what was available; "
                                + "-Dpolyhead.bench.maxRssMb=N to change): stopped");
                        Runtime.getRuntime().halt(3);
                    }
                    Thread.sleep(100);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }, "bench-memory-guard");
        t.setDaemon(true);
        t.start();
    }

    static long availableMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemAvailable:")) {
                return Long.parseLong(line.split("\\s+")[1]) / 1024;
            }
        }
        return Long.MAX_VALUE / 2;
    }

    /** VmHWM: the process's peak resident set, heap and off-heap (JavaCPP) memory together. */
    static double peakRssMb() throws IOException {
        return ProcessStatus.megabytes("VmHWM");
    }
}
