package org.polyhead.task;

import java.nio.file.Path;
import org.polyhead.encoder.checkpoint.PretrainedModels;

/** Resolves {@code encoder.checkpoint}: a HuggingFace BERT folder, or {@code all-MiniLM-L6-v2} for the installed one. */
public final class Checkpoints {
    private Checkpoints() {}

    /** The checkpoint folder, or null when the encoder is trained from scratch. */
    public static Path folder(String checkpoint) {
        if (checkpoint == null || checkpoint.isBlank()) {
            return null;
        }
        return checkpoint.equals("all-MiniLM-L6-v2") ? PretrainedModels.miniLm() : Path.of(checkpoint);
    }

    /** The tokenizer of the checkpoint, or the installed MiniLM's WordPiece tokenizer for encoders trained from scratch. */
    public static Path tokenizerOf(org.polyhead.spec.ExperimentSpec.EncoderSpec encoder) {
        Path folder = folder(encoder.checkpoint());
        return (folder != null ? folder : PretrainedModels.miniLm()).resolve("tokenizer.json");
    }

    /** Rows of the word table the tokenizer's ids index: the checkpoint's (or MiniLM's) configured vocabulary. */
    public static int vocabSize(org.polyhead.spec.ExperimentSpec.EncoderSpec encoder) {
        Path folder = folder(encoder.checkpoint());
        return org.polyhead.encoder.checkpoint.HfConfig.read(folder != null ? folder : PretrainedModels.miniLm())
                .vocabSize();
    }
}
