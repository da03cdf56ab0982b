package org.polyhead.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.polyhead.heads.LabelGroup;
import org.polyhead.hierarchy.Taxonomy;

/**
 * A task's data ready for a model: the label groups, tokenized train and validation batches, provenance (dataset
 * SHA-256, tokenizer id), files to keep as run artifacts (e.g. the split assignment) and, for label paths, the
 * taxonomy that hierarchical designs bind to (null otherwise), and the validation texts in batch order (for the
 * predictions artifact; empty when unknown).
 */
public record PreparedData(List<LabelGroup> groups, TextBatches train, TextBatches validation, int vocabSize,
                           String datasetName, String datasetSha256, String tokenizerId, Map<String, Path> artifacts,
                           Taxonomy taxonomy, List<String> validationTexts) {

    /** Data without a taxonomy (grouped and target tasks). */
    public PreparedData(List<LabelGroup> groups, TextBatches train, TextBatches validation, int vocabSize,
                        String datasetName, String datasetSha256, String tokenizerId, Map<String, Path> artifacts) {
        this(groups, train, validation, vocabSize, datasetName, datasetSha256, tokenizerId, artifacts, null, List.of());
    }
}
