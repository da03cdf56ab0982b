package org.polyhead.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.Polyhead;
import org.polyhead.ProcessStatus;
import org.polyhead.StateDir;
import org.polyhead.model.Batch;
import org.polyhead.provenance.Provenance;
import org.polyhead.run.TrialModel;
import org.polyhead.spec.SpecLoader;
import org.polyhead.task.LossWeights;
import org.polyhead.task.PreparedData;
import org.polyhead.task.TaskData;

/**
 * polyhead side of {@code polyhead bench --trial}, in a fresh JVM: a one-model trial of a spec as {@code train} runs it
 * (the spec's data prepared and split, the model and AdamW built by {@link TrialModel}, pretrained weights loaded,
 * epoch 1's batches in their seeded order) for {@code warmup} unmeasured and {@code steps} measured training steps,
 * then the task's validation ({@code TaskKind.evaluate}: predictions, losses and metrics over the validation part)
 * once unmeasured and {@code validations} times measured. Nothing is tracked. Prints one JSON object on stdout, the
 * keys of python/bench_trial.py; {@code data_sha256} digests the rows it trained and validated on
 * ({@link TrialSplit#digest}), so the report can check that both sides read the same data.
 */
public final class TrialBench {
    private TrialBench() {}

    public static void main(String[] args) throws IOException {
        TrialShape t = TrialShape.parse(args);
        PolyheadBench.guardMemory(Long.getLong("polyhead.bench.maxRssMb", PolyheadBench.availableMb() * 8 / 10));
        System.out.println(new ObjectMapper().writeValueAsString(measure(t)));
        System.exit(0);
    }

    static ObjectNode measure(TrialShape t) throws IOException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long wall0 = System.nanoTime();
        long cpu0 = os.getProcessCpuTime();
        Path home = Path.of(System.getProperty("polyhead.home", ".")).toAbsolutePath().normalize();
        SpecLoader.Resolved spec = SpecLoader.load(home.resolve(t.spec()), List.of());
        PreparedData data = TaskData.prepare(spec, home, StateDir.of(home).resolve("runs"));
        TrialModel trial = TrialModel.build(spec.spec(), data);
        double[] weights = LossWeights.of(spec.spec().loss(), data.groups());
        List<Batch> batches = TrialModel.epoch(spec.spec(), data.train(), 1);
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("load_ms", (System.nanoTime() - wall0) / 1e6);
        out.put("load_cpu_ms", (os.getProcessCpuTime() - cpu0) / 1e6);
        ArrayNode rss = out.putArray("rss_mb"); // after loading, warm-up, the measured steps, validation
        rss.add(ProcessStatus.megabytes("VmRSS"));
        int[] next = {0};
        Runnable step = () -> trial.trainer().step(batches.get(next[0]++ % batches.size()), weights);
        Samples.of(step, t.warmup(), 0);
        rss.add(ProcessStatus.megabytes("VmRSS"));
        Samples steps = Samples.of(step, 0, t.steps());
        rss.add(ProcessStatus.megabytes("VmRSS"));
        Samples validation = Samples.of(() -> data.kind().evaluate(trial.trainer(), trial.model(),
                data.validation(), weights, spec.spec().training().batchSize()), 1, t.validations());
        rss.add(ProcessStatus.megabytes("VmRSS"));
        out.put("side", "polyhead");
        out.put("name", t.name());
        out.put("version", Polyhead.VERSION + " (SameDiff 1.0.0-M2.1, " + Nd4j.getBackend().getClass().getSimpleName()
                + ")");
        out.put("device", Provenance.device());
        out.put("threads", Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", "0")));
        steps.put(out, "train_step");
        validation.put(out, "validation");
        out.put("validation_rows", data.validation().size());
        out.put("validation_seq_per_s", data.validation().size() / (out.get("validation_ms").asDouble() / 1000));
        out.put("train_rows", data.train().size());
        out.put("data_sha256", TrialSplit.digest(batches, data.validation(), data.groups()));
        out.put("peak_rss_mb", PolyheadBench.peakRssMb());
        return out;
    }
}
