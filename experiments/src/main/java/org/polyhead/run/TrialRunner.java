package org.polyhead.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.UserError;
import org.polyhead.encoder.EncoderConfig;
import org.polyhead.encoder.checkpoint.CheckpointLoader;
import org.polyhead.encoder.checkpoint.HfConfig;
import org.polyhead.heads.LabelGroup;
import org.polyhead.hierarchy.TaxonomyFile;
import org.polyhead.model.Batch;
import org.polyhead.model.Designs;
import org.polyhead.model.GroupModel;
import org.polyhead.mlflow.ModelArtifacts;
import org.polyhead.mlflow.RunConventions;
import org.polyhead.model.ModelSpec;
import org.polyhead.spec.ExperimentSpec;
import org.polyhead.spec.SpecLoader;
import org.polyhead.track.RunStatus;
import org.polyhead.track.TrackedRun;
import org.polyhead.train.Checkpoint;
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

    /** Steps a resumed run already holds: of its training points, and of its epoch rows (metric {@code epoch}). */
    public record Logged(java.util.Set<Long> steps, java.util.Set<Long> epochs) {
        static final Logged NOTHING = new Logged(java.util.Set.of(), java.util.Set.of());
    }

    /** What a finished trial reports to its sweep. */
    public record Result(String runId, RunStatus status, Map<String, Double> metrics, String failure) {}

    /** Trains from scratch, saving a checkpoint after every epoch under {@code workDir/checkpoints}. */
    public Result run(SpecLoader.Resolved trial, PreparedData data, TrackedRun run) {
        return run(trial, data, run, null);
    }

    /** The checkpoint of a trial: one file per config hash, so a resumed sweep finds it. */
    public Path checkpointOf(SpecLoader.Resolved trial) {
        return workDir.resolve("checkpoints").resolve(trial.hash() + ".zip");
    }

    /**
     * Trains, or with {@code resumed} (what the run already holds) continues from the trial's last checkpoint if it has
     * one (parameters, Adam state, epoch, step and metrics so far), logging into {@code run} only the points it lacks.
     * A checkpoint is written before an epoch's metrics are logged, so a run never holds an epoch its checkpoint lacks.
     */
    public Result run(SpecLoader.Resolved trial, PreparedData data, TrackedRun run, Logged resumed) {
        ExperimentSpec spec = trial.spec();
        if (StagedRunner.DESIGN.equals(spec.model().heads())) {
            return new StagedRunner(workDir).run(trial, data, run);
        }
        double[] weights = LossWeights.of(spec.loss(), data.groups());
        GroupModel model = GroupModel.build(modelSpec(spec, data), spec.training().seed());
        Path pretrained = Checkpoints.folder(spec.encoder().checkpoint());
        if (pretrained != null) {
            List<String> unused = CheckpointLoader.load(pretrained, model.graph(), model.tables());
            run.setTag("polyhead.checkpoint", RunConventions.relative(Path.of(System.getProperty("polyhead.home", ".")),
                    pretrained.toString()));
            if (!unused.isEmpty()) {
                run.setTag("polyhead.checkpoint_unused", String.join(",", unused));
            }
        }
        int bs = spec.training().batchSize();
        int stepsPerEpoch = (data.train().size() + bs - 1) / bs;
        int total = stepsPerEpoch * spec.training().epochs();
        OptimConfig optim = optim(spec.training(), total);
        Trainer trainer = new Trainer(model, optim, spec.training().seed());
        Path checkpoint = checkpointOf(trial);
        MetricsTable table = new MetricsTable();
        Map<String, Double> last = Map.of();
        EarlyStopping stopping = new EarlyStopping(spec.training().earlyStopping(), spec.training().patience());
        int step = 0;
        int firstEpoch = 1;
        Logged logged = resumed == null ? Logged.NOTHING : resumed;
        if (resumed != null && Files.exists(checkpoint)) {
            Checkpoint saved = Checkpoint.restore(checkpoint, trainer);
            table = new MetricsTable(saved.rows());
            saved.rows().forEach(stopping::shouldStop);
            for (Map<String, Double> row : saved.rows()) {
                long at = row.get("step").longValue();
                if (!logged.epochs().contains(at)) {
                    Map<String, Double> m = new LinkedHashMap<>(row);
                    m.remove("step");
                    run.logMetrics(m, at);
                }
            }
            step = saved.step();
            firstEpoch = saved.epoch() + 1;
            run.setTag("polyhead.resumed_from_epoch", Integer.toString(saved.epoch()));
        }
        try (ProgressBar bar = Progress.bar(run.runName(), total)) {
            bar.stepTo(step);
            for (int epoch = firstEpoch; epoch <= spec.training().epochs(); epoch++) {
                for (Batch batch : data.train().shuffled(bs, spec.training().seed() * 1_000L + epoch)) {
                    Map<String, Double> losses = trainer.step(batch, weights);
                    step++;
                    String bad = nonFinite(losses);
                    if (bad != null) {
                        return fail(run, String.format("%s is %s at step %d (epoch %d)", bad, losses.get(bad), step, epoch));
                    }
                    if (!logged.steps().contains((long) step)) {
                        Map<String, Double> train = new LinkedHashMap<>();
                        losses.forEach((k, v) -> train.put("train_" + k.replace('.', '_'), v));
                        train.put("lr", optim.rateAt(step - 1));
                        run.logMetrics(train, step);
                    }
                    bar.step();
                }
                last = Predictor.validate(trainer, model.groups(), data.validation(), weights, bs);
                if (data.taxonomy() != null) {
                    last.putAll(HierarchyEvaluation.validate(trainer, model, data.taxonomy(), data.validation(), weights, bs));
                }
                last.put("epoch", (double) epoch);
                table.add(epoch, step, last);
                new Checkpoint(epoch, step, table.rows()).save(checkpoint, trainer);
                run.logMetrics(last, step);  // at the global step, so validation and training curves overlay
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

    /** Adam with the spec's warm-up fraction and decay schedule over {@code total} steps. */
    static OptimConfig optim(ExperimentSpec.TrainingSpec t, int total) {
        return new OptimConfig(t.lr(), (int) Math.round(t.warmup() * total), total, 0.9, 0.999, 1e-8, t.weightDecay(),
                OptimConfig.Decay.valueOf(t.schedule().toUpperCase()));
    }

    static ModelSpec modelSpec(ExperimentSpec spec, PreparedData data) {
        return HierarchyEvaluation.bind(modelSpec(spec, data.groups(), data.vocabSize()), data.taxonomy());
    }

    static ModelSpec modelSpec(ExperimentSpec spec, List<LabelGroup> groups, int vocabSize) {
        ExperimentSpec.EncoderSpec e = spec.encoder();
        Path pretrained = Checkpoints.folder(e.checkpoint());
        EncoderConfig enc = pretrained == null
                ? new EncoderConfig(vocabSize, e.hidden(), e.layers(), e.heads(), e.intermediate(), 512, 2,
                        1e-12, e.dropout())
                : Checkpoints.withDropout(CheckpointLoader.encoderConfig(HfConfig.read(pretrained)), e.dropout());
        return new ModelSpec(enc, Designs.pooling(spec.model().pooling(), "model.pooling"),
                Designs.heads(spec.model().heads(), "model.heads"), groups,
                Designs.weighting(spec.model().weighting(), "model.weighting"));
    }

    private void writeArtifacts(SpecLoader.Resolved trial, PreparedData data, Trainer trainer, GroupModel model,
                                MetricsTable table, TrackedRun run, double[] weights, int bs) {
        try {
            Path dir = Files.createDirectories(workDir.resolve(run.runId()));
            Files.writeString(dir.resolve("config.yaml"), trial.yaml());
            run.logArtifact(dir.resolve("config.yaml"), "");
            Files.writeString(dir.resolve("metrics.csv"), table.csv());
            run.logArtifact(dir.resolve("metrics.csv"), "");
            Map<String, INDArray> probs = Predictor.predictions(trainer, model.groups(), data.validation(), weights, bs);
            ValidationArtifacts.write(dir, model.groups(), probs, data.validation().targets(), data.validationTexts());
            run.logArtifact(dir.resolve("confusion.json"), "");
            model.groups().stream().filter(g -> Files.exists(dir.resolve(ValidationArtifacts.picture(g))))
                    .forEach(g -> run.logArtifact(dir.resolve(ValidationArtifacts.picture(g)), ""));
            run.logArtifact(dir.resolve("predictions.jsonl"), "");
            SavedModel.write(dir.resolve("model"), trial, model.groups(), data.vocabSize(), trainer, table.rows().size());
            if (data.taxonomy() != null && data.taxonomy().depth() > 1) {
                TaxonomyFile.write(data.taxonomy(), dir.resolve("model").resolve(SavedModel.TAXONOMY));
            }
            if (trial.spec().training().checkpoint() || trial.spec().tracking().logModel().equals("all")) {
                ModelArtifacts.log(run, dir.resolve("model"));  // log_model: best is the sweep's choice (SweepRunner)
            }
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
