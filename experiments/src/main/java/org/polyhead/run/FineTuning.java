package org.polyhead.run;

import org.polyhead.spec.ExperimentSpec;
import org.polyhead.train.ParameterGroups;

/**
 * The fine-tuning keys of a spec as the framework takes them: the heads' learning rate and the frozen layers
 * ({@code training.head_lr}, {@code encoder.freeze_layers}) for the optimizer, and how many of those layers the model
 * takes from a cache ({@code encoder.cache_frozen}) for the graph.
 */
final class FineTuning {
    private FineTuning() {}

    static ParameterGroups parameterGroups(ExperimentSpec spec) {
        return new ParameterGroups(spec.training().headLr(), spec.encoder().freezeLayers());
    }

    /** The frozen layers when their output is cached, else 0 (one uncut graph). */
    static int cachedLayers(ExperimentSpec spec) {
        return spec.encoder().cacheFrozen() ? spec.encoder().freezeLayers() : 0;
    }
}
