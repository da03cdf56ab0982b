package org.polyhead.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import org.polyhead.UserError;
import org.polyhead.encoder.EncoderConfig;
import org.polyhead.encoder.checkpoint.CheckpointLoader;
import org.polyhead.encoder.checkpoint.HfConfig;
import org.polyhead.encoder.checkpoint.PretrainedModels;
import org.polyhead.eval.MetricsTable;
import org.polyhead.eval.Predictions;
import org.polyhead.eval.ValidationArtifacts;
import org.polyhead.heads.LabelGroup;
import org.polyhead.model.Batch;
import org.polyhead.model.Designs;
import org.polyhead.model.GroupModel;
import org.polyhead.mlflow.ModelArtifacts;
import org.polyhead.mlflow.RunConventions;
import org.polyhead.model.ModelSpec;
import org.polyhead.provenance.Provenance;
import org.polyhead.spec.ExperimentSpec;
import org.polyhead.spec.SpecLoader;
import org.polyhead.task.Checkpoints;
import org.polyhead.task.LossWeights;
import org.polyhead.task.Predictor;
import org.polyhead.task.PreparedData;
import org.polyhead.task.TextBatches;
import org.polyhead.track.RunStatus;
import org.polyhead.track.Tags;
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
        return Trainings.of(trial.spec().model().heads(), workDir, this::trainOneModel).run(trial, data, run, resumed);
    }

    /**
     * What can be checked of a trial before its run exists, once its data is prepared: the loss weights against the
     * label groups, and what its design would build ({@link Training#check}: for one model, also that
     * {@code training.early_stopping} names a metric its task kind logs). A sweep checks every trial this way before
     * it creates its parent run, so a mistake in trial 5 is found before trial 1 trains.
     */
    public void check(SpecLoader.Resolved trial, PreparedData data) {
        LossWeights.of(trial.spec().loss(), data.groups());
        Trainings.of(trial.spec().model().heads(), workDir, this::trainOneModel).check(trial, data);
    }

    private Result trainOneModel(SpecLoader.Resolved trial, PreparedData data, TrackedRun run, Logged resumed) {
        ExperimentSpec spec = trial.spec();
        double[] weights = LossWeights.of(spec.loss(), data.groups());
        TrialModel built = TrialModel.build(spec, data);
        GroupModel model = built.model();
        Trainer trainer = built.trainer();
        OptimConfig optim = built.optim();
        tagPretrained(spec, built.unused(), run);
        int bs = spec.training().batchSize();
        int total = built.stepsPerEpoch() * spec.training().epochs();
        Logged logged = resumed == null ? Logged.NOTHING : resumed;
        TrainingState state = new TrainingState(trainer, run);
        BestEpoch best = new BestEpoch(spec.training().earlyStopping());
        List<TrainingListener> listeners = new ArrayList<>(List.of(
                new Resume(checkpointOf(trial), resumed != null, logged.epochs()),
                StepLogging.perLoss(optim, logged.steps()),
                new Validation(data.kind(), model, data.validation(), weights, bs),
                new Checkpointing(checkpointOf(trial)),
                new ValidationLogging(),
                new EarlyStopping(spec.training().earlyStopping(), spec.training().patience()),
                SystemMetrics.every10s()));
        if (data.test() != null) {
            listeners.add(3, best);  // right after Validation: it reads the epoch's metrics
        }
        try (ProgressBar bar = Progress.bar(run.runName(), total)) {
            listeners.add(2, Progress.steps(bar));
            new TrainingLoop(listeners)
                    .run(state, spec.training().epochs(),
                            epoch -> TrialModel.epoch(spec, data.train(), epoch), weights);
        }
        if (state.failure() != null) {
            return fail(run, state.failure());
        }
        writeArtifacts(trial, data, trainer, model, state.table(), run, validationPredictions(state, data, model,
                weights, bs));
        TestEvaluation.run(data, trainer, model, best, state.table().rows().size(), state.step(), run, weights, bs,
                workDir.resolve(run.runId()));
        run.end(RunStatus.FINISHED);
        if (!spec.training().checkpoint()) {
            deleteCheckpoint(trial);
        }
        return new Result(run.runId(), RunStatus.FINISHED, state.last(), null);
    }

    /**
     * An epoch's training batches ({@code seed} differs per epoch): all rows shuffled, or with
     * {@code training.group_by_length} rows of about one length together, the batches in random order.
     */
    static List<Batch> epochBatches(TextBatches rows, ExperimentSpec.TrainingSpec t, long seed) {
        return t.groupByLength() ? rows.lengthGrouped(t.batchSize(), seed, TextBatches.LENGTH_WINDOW)
                : rows.shuffled(t.batchSize(), seed);
    }

    /**
     * The validation predictions of the weights the loop ended with, which the validation artifacts and the saved
     * model describe (the test part may then be run with the best epoch's): the last validation's, or, when the loop
     * ran no epoch (a resumed trial whose checkpoint held its last), one pass now.
     */
    private static Predictions validationPredictions(TrainingState state, PreparedData data, GroupModel model,
                                                     double[] weights, int bs) {
        return state.predictions() != null ? state.predictions()
                : Predictor.predictions(state.trainer(), model.groups(), data.validation(), weights, bs);
    }

    /**
     * A finished trial's checkpoint (parameters and Adam state, about three times the model) only served resuming it:
     * it is deleted unless {@code training.checkpoint} keeps it; the trained model stays in the run's {@code model/}.
     */
    private void deleteCheckpoint(SpecLoader.Resolved trial) {
        Path file = checkpointOf(trial);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("polyhead: could not delete the finished trial's checkpoint " + file + ": "
                    + e.getMessage());
        }
    }

    /**
     * Loads {@code encoder.checkpoint}'s weights into a freshly built model (nothing for a scratch encoder) and tags the
     * run with the checkpoint and the checkpoint tensors the model has no place for: staged training, once per stage
     * (a one-model trial loads in {@link TrialModel#build} and tags through the same method).
     */
    static void loadPretrained(ExperimentSpec spec, GroupModel model, TrackedRun run) {
        Path pretrained = Checkpoints.folder(spec.encoder().checkpoint());
        if (pretrained != null) {
            tagPretrained(spec, CheckpointLoader.load(pretrained, model.graph(), model.tables()), run);
        }
    }

    /** Tags the run with {@code encoder.checkpoint} and the {@code unused} checkpoint tensors (null: no checkpoint). */
    private static void tagPretrained(ExperimentSpec spec, List<String> unused, TrackedRun run) {
        if (unused != null) {
            Path pretrained = Checkpoints.folder(spec.encoder().checkpoint());
            run.setTag(Tags.CHECKPOINT, RunConventions.relative(PretrainedModels.home(), pretrained.toString()));
            if (!unused.isEmpty()) {
                run.setTag(Tags.CHECKPOINT_UNUSED, String.join(",", unused));
            }
        }
    }

    /** Adam with the spec's warm-up fraction and decay schedule over {@code total} steps. */
    static OptimConfig optim(ExperimentSpec.TrainingSpec t, int total) {
        return OptimConfig.adamW(t.lr(), (int) Math.round(t.warmup() * total), total, t.weightDecay(),
                OptimConfig.Decay.valueOf(t.schedule().toUpperCase()));
    }

    static ModelSpec modelSpec(ExperimentSpec spec, PreparedData data) {
        return data.kind().bind(modelSpec(spec, data.groups(), data.vocabSize()));
    }

    static ModelSpec modelSpec(ExperimentSpec spec, List<LabelGroup> groups, int vocabSize) {
        ExperimentSpec.EncoderSpec e = spec.encoder();
        Path pretrained = Checkpoints.folder(e.checkpoint());
        EncoderConfig enc = pretrained == null
                ? EncoderConfig.bert(vocabSize, e.hidden(), e.layers(), e.heads(), e.intermediate(), e.dropout())
                : CheckpointLoader.encoderConfig(HfConfig.read(pretrained)).withDropout(e.dropout());
        return new ModelSpec(enc, Designs.pooling(spec.model().pooling(), "model.pooling"),
                Designs.heads(spec.model().heads(), "model.heads"), groups,
                Designs.weighting(spec.model().weighting(), "model.weighting"));
    }

    private void writeArtifacts(SpecLoader.Resolved trial, PreparedData data, Trainer trainer, GroupModel model,
                                MetricsTable table, TrackedRun run, Predictions probs) {
        try {
            Path dir = Files.createDirectories(workDir.resolve(run.runId()));
            Files.writeString(dir.resolve("config.yaml"), trial.yaml());
            run.logArtifact(dir.resolve("config.yaml"), "");
            Files.writeString(dir.resolve("metrics.csv"), table.csv());
            run.logArtifact(dir.resolve("metrics.csv"), "");
            ValidationArtifacts.write(dir, model.groups(), probs, data.validation().targets(), data.validationTexts());
            run.logArtifact(dir.resolve("confusion.json"), "");
            model.groups().stream().filter(g -> Files.exists(dir.resolve(ValidationArtifacts.picture(g))))
                    .forEach(g -> run.logArtifact(dir.resolve(ValidationArtifacts.picture(g)), ""));
            run.logArtifact(dir.resolve("predictions.jsonl"), "");
            SavedModel.write(dir.resolve("model"), trial, model.groups(), data.vocabSize(), trainer,
                    table.rows().size(), data.kind(), Provenance.of(trial, data));
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

    /** Ends the run as FAILED with the reason as a tag. */
    static Result fail(TrackedRun run, String reason) {
        run.fail(reason);
        return new Result(run.runId(), RunStatus.FAILED, Map.of(), reason);
    }
}
