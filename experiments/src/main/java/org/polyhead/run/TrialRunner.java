package org.polyhead.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.UserError;
import org.polyhead.encoder.EncoderConfig;
import org.polyhead.heads.LabelGroup;
import org.polyhead.model.Batch;
import org.polyhead.model.Designs;
import org.polyhead.model.GroupModel;
import org.polyhead.model.ModelSpec;
import org.polyhead.spec.ExperimentSpec;
import org.polyhead.spec.SpecLoader;
import org.polyhead.track.RunStatus;
import org.polyhead.track.TrackedRun;
import org.polyhead.train.OptimConfig;
import org.polyhead.train.Trainer;

/**
 * Trains and evaluates one trial of a spec and records it: params (the flattened resolved spec), per-step training
 * losses, per-epoch validation metrics, provenance tags and artifacts. A NaN/Inf loss ends the trial as FAILED with the
 * reason as a tag; the caller's sweep goes on.
 */
public final class TrialRunner {
    private final Path workDir;

    public TrialRunner(Path workDir) {
        this.workDir = workDir;
    }

    /** What a finished trial reports to its sweep. */
    public record Result(String runId, RunStatus status, Map<String, Double> metrics, String failure) {}

    public Result run(SpecLoader.Resolved trial, PreparedData data, TrackedRun run) {
        ExperimentSpec spec = trial.spec();
        double[] weights = LossWeights.of(spec.loss(), data.groups());
        GroupModel model = GroupModel.build(modelSpec(spec, data), spec.training().seed());
        int bs = spec.training().batchSize();
        int stepsPerEpoch = (data.train().size() + bs - 1) / bs;
        int total = stepsPerEpoch * spec.training().epochs();
        Trainer trainer = new Trainer(model, new OptimConfig(spec.training().lr(),
                (int) Math.round(spec.training().warmup() * total), total, 0.9, 0.999, 1e-8,
                spec.training().weightDecay()), spec.training().seed());
        MetricsTable table = new MetricsTable();
        Map<String, Double> last = Map.of();
        EarlyStopping stopping = new EarlyStopping(spec.training().earlyStopping(), spec.training().patience());
        int step = 0;
        try (ProgressBar bar = Progress.bar(run.runId().substring(0, 8) + " " + trial.spec().name(), total)) {
            for (int epoch = 1; epoch <= spec.training().epochs(); epoch++) {
                for (Batch batch : data.train().shuffled(bs, spec.training().seed() * 1_000L + epoch)) {
                    Map<String, Double> losses = trainer.step(batch, weights);
                    step++;
                    String bad = nonFinite(losses);
                    if (bad != null) {
                        return fail(run, String.format("%s is %s at step %d (epoch %d)", bad, losses.get(bad), step, epoch));
                    }
                    Map<String, Double> logged = new LinkedHashMap<>();
                    losses.forEach((k, v) -> logged.put("train_" + k.replace('.', '_'), v));
                    run.logMetrics(logged, step);
                    bar.step();
                }
                last = validate(trainer, model.groups(), data.validation(), weights, bs);
                last.put("epoch", (double) epoch);
                run.logMetrics(last, epoch);
                table.add(epoch, step, last);
                if (stopping.shouldStop(last)) {
                    run.setTag("polyhead.early_stopped", "epoch " + epoch);
                    break;
                }
            }
        }
        writeArtifacts(trial, data, trainer, model, table, run, weights, bs);
        run.end(RunStatus.FINISHED);
        return new Result(run.runId(), RunStatus.FINISHED, last, null);
    }

    static ModelSpec modelSpec(ExperimentSpec spec, PreparedData data) {
        ExperimentSpec.EncoderSpec e = spec.encoder();
        EncoderConfig enc = new EncoderConfig(data.vocabSize(), e.hidden(), e.layers(), e.heads(), e.intermediate(),
                512, 2, 1e-12, e.dropout());
        return new ModelSpec(enc, Designs.pooling(spec.model().pooling(), "model.pooling"),
                Designs.heads(spec.model().heads(), "model.heads"), data.groups(),
                Designs.weighting(spec.model().weighting(), "model.weighting"));
    }

    /** Validation predictions and per-group losses (averaged over batches, weighted by batch size). */
    static Map<String, Double> validate(Trainer trainer, List<LabelGroup> groups, TextBatches validation,
                                        double[] weights, int bs) {
        Map<String, INDArray> probs = predictions(trainer, groups, validation, weights, bs);
        Map<String, Double> metrics = Evaluation.metrics(groups, probs, validation.targets());
        for (LabelGroup g : groups) {
            metrics.put("val_loss_" + g.name(), probs.get("loss." + g.name()).sumNumber().doubleValue() / validation.size());
        }
        return metrics;
    }

    /** Concatenated {@code pred.<group>} [N, width] and summed-per-batch {@code loss.<group>} [batches]. */
    static Map<String, INDArray> predictions(Trainer trainer, List<LabelGroup> groups, TextBatches data,
                                             double[] weights, int bs) {
        List<String> names = new ArrayList<>();
        groups.forEach(g -> {
            names.add("pred." + g.name());
            names.add("loss." + g.name());
        });
        Map<String, List<INDArray>> parts = new LinkedHashMap<>();
        for (Batch b : data.inOrder(bs)) {
            Map<String, INDArray> out = trainer.outputs(b, weights, names);
            for (String n : names) {
                INDArray v = n.startsWith("loss.") ? out.get(n).mul(b.size()).reshape(1) : out.get(n);
                parts.computeIfAbsent(n, k -> new ArrayList<>()).add(v);
            }
        }
        Map<String, INDArray> all = new LinkedHashMap<>();
        parts.forEach((n, list) -> all.put(n, Nd4j.concat(0, list.toArray(INDArray[]::new))));
        return all;
    }

    private void writeArtifacts(SpecLoader.Resolved trial, PreparedData data, Trainer trainer, GroupModel model,
                                MetricsTable table, TrackedRun run, double[] weights, int bs) {
        try {
            Path dir = Files.createDirectories(workDir.resolve(run.runId()));
            Files.writeString(dir.resolve("config.yaml"), trial.yaml());
            run.logArtifact(dir.resolve("config.yaml"), "");
            Files.writeString(dir.resolve("metrics.csv"), table.csv());
            run.logArtifact(dir.resolve("metrics.csv"), "");
            Map<String, INDArray> probs = predictions(trainer, model.groups(), data.validation(), weights, bs);
            ValidationArtifacts.write(dir, model.groups(), probs, data.validation().targets());
            run.logArtifact(dir.resolve("confusion.json"), "");
            run.logArtifact(dir.resolve("predictions.jsonl"), "");
            for (Map.Entry<String, Path> a : data.artifacts().entrySet()) {
                run.logArtifact(a.getValue(), a.getKey());
            }
        } catch (IOException e) {
            throw new UserError("cannot write artifacts under " + workDir + ": " + e.getMessage(), e);
        }
    }

    private static String nonFinite(Map<String, Double> losses) {
        return losses.entrySet().stream().filter(e -> !Double.isFinite(e.getValue())).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    private static Result fail(TrackedRun run, String reason) {
        run.setTag("polyhead.failure", reason);
        run.end(RunStatus.FAILED);
        return new Result(run.runId(), RunStatus.FAILED, Map.of(), reason);
    }
}
