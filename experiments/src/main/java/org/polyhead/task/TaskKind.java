package org.polyhead.task;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.polyhead.model.GroupModel;
import org.polyhead.model.ModelSpec;
import org.polyhead.train.Trainer;

/**
 * What differs by task kind once its data is prepared, so that runners and saved models never ask which kind they
 * hold (Tribuo's {@code OutputFactory} hands out its own evaluator the same way): the design bound to what the data
 * knows, the evaluation metrics, and the files a saved model needs besides its weights.
 */
public interface TaskKind {

    /** The name a saved model's {@code model.json} keeps: {@code grouped}, {@code hierarchy} or {@code target}. */
    String name();

    /** The model spec with its design bound to the data (a hierarchy's taxonomy); by default unchanged. */
    default ModelSpec bind(ModelSpec spec) {
        return spec;
    }

    /**
     * One pass of the model over {@code part} (validation or test): the metrics and per-group losses, by default per
     * group, with the predictions they came from, for the part's prediction files.
     */
    default Evaluated evaluate(Trainer trainer, GroupModel model, TextBatches part, double[] weights, int bs) {
        return Predictor.evaluate(trainer, model.groups(), part, weights, bs);
    }

    /**
     * The names of the metrics {@link #evaluate} gives a model of {@code spec} (bound to the data), found without a
     * model: the evaluation code is asked on one made-up example.
     */
    default Set<String> metricNames(ModelSpec spec) {
        return Predictor.metrics(spec.groups(), OneExample.predictions(spec.groups(), List.of(), 1),
                OneExample.targets(spec.groups()), 1).keySet();
    }

    /** Writes what a saved model of this kind needs besides config, groups and weights; by default nothing. */
    default void save(Path modelDir) throws IOException {
    }
}
