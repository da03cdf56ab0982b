package org.polyhead.spec;

import java.nio.file.Path;
import org.polyhead.encoder.checkpoint.HfConfig;
import org.polyhead.encoder.checkpoint.PretrainedModels;

/**
 * Checks of the fine-tuning keys that depend on the encoder: {@code encoder.freeze_layers} must not exceed the layers
 * the encoder has, which for a pretrained checkpoint its {@code config.json} says ({@code num_hidden_layers}).
 */
final class FineTuneChecks {
    private FineTuneChecks() {}

    static void freezeLayers(int freeze, int layers, String checkpoint) {
        if (freeze == 0) {
            return; // the default: no need to read a checkpoint's config
        }
        boolean pretrained = checkpoint != null && !checkpoint.isBlank();
        int available = pretrained ? HfConfig.read(folder(checkpoint)).numLayers() : layers;
        if (freeze < 0 || freeze > available) {
            throw new IllegalArgumentException("encoder.freeze_layers: must be in [0, " + available + "] for "
                    + (pretrained ? "this checkpoint" : "encoder.layers = " + layers) + ", got " + freeze);
        }
    }

    static void cacheFrozen(boolean cache, int freeze) {
        if (cache && freeze == 0) {
            throw new IllegalArgumentException("encoder.cache_frozen: needs encoder.freeze_layers > 0 (nothing is "
                    + "frozen, so nothing can be cached)");
        }
    }

    /** The checkpoint folder as the trial runner resolves it: the installed MiniLM by name, else a path. */
    private static Path folder(String checkpoint) {
        return checkpoint.equals(PretrainedModels.MINILM) ? PretrainedModels.miniLm() : Path.of(checkpoint);
    }
}
