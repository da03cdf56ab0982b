package org.polyhead.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.UserError;
import org.polyhead.eval.Evaluation;
import org.polyhead.eval.HierarchyEvaluation;
import org.polyhead.eval.Predictions;
import org.polyhead.heads.GroupHeads;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.SeparateHeads;
import org.polyhead.hierarchy.ArgmaxDecoder;
import org.polyhead.hierarchy.ParentInputHeads;
import org.polyhead.model.GroupModel;
import org.polyhead.model.ModelSpec;
import org.polyhead.spec.ExperimentSpec;
import org.polyhead.spec.SpecLoader;
import org.polyhead.task.Predictor;
import org.polyhead.task.PreparedData;
import org.polyhead.task.TextBatches;
import org.polyhead.track.Metrics;
import org.polyhead.track.RunStatus;
import org.polyhead.track.TrackedRun;
import org.polyhead.train.Trainer;

/**
 * {@code model.heads: staged}: one model per level, trained one after another. Stage k trains on its own part of the
 * training rows ({@link StagePlan}) with, as extra input, the parent probabilities that the chain of stages &lt; k
 * predicts for that part, which those models never saw. Validation runs the whole chain. Logs the same metrics as
 * one-model designs ({@code train_loss} per step over all stages, {@code val_acc_<level>}, path metrics at the end)
 * and the ledger of which model trained on or predicted for which row ({@code data/stages.csv}).
 */
final class StagedRunner implements Training {
    private static final double[] ONE = {1.0};

    private final Path workDir;

    StagedRunner(Path workDir) {
        this.workDir = workDir;
    }

    /** Staged training needs label paths, and each stage is a one-model design ({@code separate}). */
    @Override
    public void check(SpecLoader.Resolved trial, PreparedData data) {
        if (data.taxonomy() == null) {
            throw new UserError("model.heads: 'staged' needs a hierarchy dataset (records with label paths)");
        }
        TrialRunner.modelSpec(trial.with(Map.of("model.heads", "separate")).spec(), data);
    }

    @Override
    public TrialRunner.Result run(SpecLoader.Resolved trial, PreparedData data, TrackedRun run,
                                  TrialRunner.Logged resumed) {
        check(trial, data);
        ExperimentSpec spec = trial.spec();
        SpecLoader.Resolved plain = trial.with(Map.of("model.heads", "separate"));
        List<LabelGroup> levels = data.groups();
        int bs = spec.training().batchSize();
        StagePlan plan = StagePlan.of(data.train().size(), levels.size(), spec.training().seed());
        StageLedger ledger = new StageLedger(trainLines(data));
        List<Trainer> stages = new ArrayList<>();
        long step = 0;
        for (int k = 0; k < levels.size(); k++) {
            int[] rows = plan.rows(k);
            Map<String, INDArray> targets = new LinkedHashMap<>();
            String target = levels.get(k).targetName();
            targets.put(target, data.train().targets().get(target).getRows(rows));
            int[][] ids = new int[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                ids[i] = data.train().ids()[rows[i]];
            }
            if (k > 0) {
                List<INDArray> parents = chain(stages, levels, new TextBatches(ids, Map.of()), bs);
                targets.put(ParentInputHeads.PARENT, parents.get(k - 1));
                for (int j = 0; j < k; j++) {
                    ledger.predictedParents(j, k, rows);
                }
            }
            TextBatches part = new TextBatches(ids, targets);
            Trainer trainer = stageTrainer(plain, data, levels, k, part.size(), run);
            TrainingState state = new TrainingState(trainer, run, step);
            long seed = spec.training().seed() * 1_000L + 100L * k;
            new TrainingLoop(List.of(StepLogging.stage(k, levels.get(k).name())))
                    .run(state, spec.training().epochs(),
                            epoch -> TrialRunner.epochBatches(part, spec.training(), seed + epoch), ONE);
            if (state.failure() != null) {
                return TrialRunner.fail(run, state.failure());
            }
            step = state.step();
            ledger.trained(k, rows);
            stages.add(trainer);
        }
        Map<String, Double> metrics = evaluate(stages, levels, data, data.validation(), bs);
        metrics.put(Metrics.EPOCH, (double) spec.training().epochs());
        run.logMetrics(metrics, step);  // at the global step, beside the training curves
        writeArtifacts(trial, data, ledger, run);
        if (data.test() != null) {
            test(stages, levels, data, bs, run, step, spec.training().epochs());
        }
        run.end(RunStatus.FINISHED);
        return new TrialRunner.Result(run.runId(), RunStatus.FINISHED, metrics, null);
    }

    private static Trainer stageTrainer(SpecLoader.Resolved plain, PreparedData data, List<LabelGroup> levels, int k,
                                        int rows, TrackedRun run) {
        ExperimentSpec spec = plain.spec();
        ModelSpec base = TrialRunner.modelSpec(spec, List.of(levels.get(k)), data.vocabSize());
        GroupHeads heads = k == 0 ? new SeparateHeads() : new ParentInputHeads(levels.get(k - 1).width());
        GroupModel model = GroupModel.build(new ModelSpec(base.encoder(), base.pooling(), heads, base.groups(),
                base.weighting()), spec.training().seed() + k, DataType.FLOAT, FineTuning.cachedLayers(spec));
        TrialRunner.loadPretrained(spec, model, run);  // each stage fine-tunes the same pretrained encoder
        int bs = spec.training().batchSize();
        int total = (rows + bs - 1) / bs * spec.training().epochs();
        return new Trainer(model, TrialRunner.optim(spec.training(), total), FineTuning.parameterGroups(spec),
                spec.training().seed() + k);
    }

    /**
     * Probabilities of each level for the texts, rows in the texts' order, each stage reading the previous stage's
     * predictions; each stage runs over batches sorted by length ({@link Predictor#outputs}).
     */
    static List<INDArray> chain(List<Trainer> stages, List<LabelGroup> levels, TextBatches texts, int bs) {
        List<INDArray> probs = new ArrayList<>();
        for (int j = 0; j < stages.size(); j++) {
            Map<String, INDArray> in = j == 0 ? Map.of() : Map.of(ParentInputHeads.PARENT, probs.get(j - 1));
            Trainer stage = stages.get(j);
            String name = levels.get(j).predictionName();
            probs.add(Predictor.outputs(new TextBatches(texts.ids(), in), bs,
                    b -> Map.of(name, stage.predict(b).get(name)), Set.of()).get(name));
        }
        return probs;
    }

    /** The whole chain's metrics on {@code part} (validation names). */
    private static Map<String, Double> evaluate(List<Trainer> stages, List<LabelGroup> levels, PreparedData data,
                                                TextBatches part, int bs) {
        return evaluate(levels, data, part, predictions(stages, levels, part, bs));
    }

    /** The metrics of the chain's {@code predictions} on {@code part}. */
    private static Map<String, Double> evaluate(List<LabelGroup> levels, PreparedData data, TextBatches part,
                                                Predictions predictions) {
        Map<String, Double> m = new LinkedHashMap<>(Evaluation.metrics(levels, predictions, part.targets()));
        m.putAll(HierarchyEvaluation.metrics(data.taxonomy(), new ArgmaxDecoder(), levels, predictions,
                part.targets()));
        return m;
    }

    private static Predictions predictions(List<Trainer> stages, List<LabelGroup> levels, TextBatches part, int bs) {
        List<INDArray> chained = chain(stages, levels, part, bs);
        Map<String, INDArray> probs = new LinkedHashMap<>();
        for (int k = 0; k < levels.size(); k++) {
            probs.put(levels.get(k).predictionName(), chained.get(k));
        }
        return new Predictions(probs);
    }

    /**
     * The held-out test part, read here once, after the last stage: the whole chain of the final stage models (staged
     * training keeps no best epoch), logged as {@code test_*} metrics at the last step with {@code best_epoch} = the
     * last epoch, and its per-example predictions, as {@link TestEvaluation} does for one-model designs. No stage
     * trained on or predicted parents for a test row.
     */
    private void test(List<Trainer> stages, List<LabelGroup> levels, PreparedData data, int bs, TrackedRun run,
                      long step, int epochs) {
        Predictions predictions = predictions(stages, levels, data.test(), bs);  // once, for metrics and the file
        Map<String, Double> test = TestEvaluation.asTest(evaluate(levels, data, data.test(), predictions));
        test.put(TestEvaluation.BEST_EPOCH, (double) epochs);
        run.logMetrics(test, step);
        Path dir = workDir.resolve(run.runId());
        try {
            Files.createDirectories(dir);
            run.logArtifact(TestPredictions.write(dir.resolve(TestPredictions.FILE), levels,
                    predictions, data.test().targets(),
                    data.records() == null ? null : data.records().test()), "");
        } catch (IOException e) {
            throw new UserError("cannot write " + TestPredictions.FILE + " under " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Source lines of the training rows, in order, from the split assignment (row numbers if it is missing). */
    private static int[] trainLines(PreparedData data) {
        int[] lines = new int[data.train().size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = i + 1;
        }
        Path split = data.artifacts().get("data");
        if (split == null || !Files.exists(split)) {
            return lines;
        }
        try {
            int i = 0;
            for (String l : Files.readAllLines(split)) {
                if (l.endsWith(",train") && i < lines.length) {
                    lines[i++] = Integer.parseInt(l.substring(0, l.indexOf(',')));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return lines;
        }
        return lines;
    }

    private void writeArtifacts(SpecLoader.Resolved trial, PreparedData data, StageLedger ledger, TrackedRun run) {
        try {
            Path dir = Files.createDirectories(workDir.resolve(run.runId()));
            Files.writeString(dir.resolve("config.yaml"), trial.yaml());
            run.logArtifact(dir.resolve("config.yaml"), "");
            run.logArtifact(ledger.write(dir.resolve("stages.csv")), "data");
            for (Map.Entry<String, Path> a : data.artifacts().entrySet()) {
                run.logArtifact(a.getValue(), a.getKey());
            }
        } catch (IOException e) {
            throw new UserError("cannot write artifacts under " + workDir + ": " + e.getMessage(), e);
        }
    }
}
