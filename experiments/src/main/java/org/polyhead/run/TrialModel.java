package org.polyhead.run;

import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.polyhead.encoder.checkpoint.CheckpointLoader;
import org.polyhead.model.Batch;
import org.polyhead.model.GroupModel;
import org.polyhead.spec.ExperimentSpec;
import org.polyhead.task.Checkpoints;
import org.polyhead.task.PreparedData;
import org.polyhead.task.TextBatches;
import org.polyhead.train.OptimConfig;
import org.polyhead.train.Trainer;

/**
 * The model and trainer of a one-model trial, built as {@link TrialRunner} trains them: the design bound to the data,
 * {@code encoder.checkpoint}'s weights loaded, AdamW with the spec's schedule over every step of every epoch, the
 * spec's learning rates and frozen layers. {@code bench --trial} measures this same object.
 *
 * @param unused the checkpoint tensors the model has no place for; null when the encoder is trained from scratch
 */
public record TrialModel(GroupModel model, Trainer trainer, OptimConfig optim, int stepsPerEpoch,
                         List<String> unused) {

    public static TrialModel build(ExperimentSpec spec, PreparedData data) {
        GroupModel model = GroupModel.build(TrialRunner.modelSpec(spec, data), spec.training().seed(), DataType.FLOAT,
                FineTuning.cachedLayers(spec));
        Path pretrained = Checkpoints.folder(spec.encoder().checkpoint());
        List<String> unused = pretrained == null ? null
                : CheckpointLoader.load(pretrained, model.graph(), model.tables());
        int stepsPerEpoch = stepsPerEpoch(spec, data.train());
        OptimConfig optim = optim(spec, data.train());
        Trainer trainer = new Trainer(model, optim, FineTuning.parameterGroups(spec), spec.training().seed());
        return new TrialModel(model, trainer, optim, stepsPerEpoch, unused);
    }

    /** Batches per epoch of {@code train} at the spec's batch size. */
    public static int stepsPerEpoch(ExperimentSpec spec, TextBatches train) {
        int bs = spec.training().batchSize();
        return (train.size() + bs - 1) / bs;
    }

    /** AdamW with the spec's warm-up and decay over every step of every epoch of {@code train}. */
    public static OptimConfig optim(ExperimentSpec spec, TextBatches train) {
        return TrialRunner.optim(spec.training(), stepsPerEpoch(spec, train) * spec.training().epochs());
    }

    /** The training batches of {@code epoch} (1-based): a new seeded order each epoch. */
    public static List<Batch> epoch(ExperimentSpec spec, TextBatches train, int epoch) {
        return TrialRunner.epochBatches(train, spec.training(), spec.training().seed() * 1_000L + epoch);
    }
}
