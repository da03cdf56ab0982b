package org.polyhead.task;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.polyhead.data.Split;
import org.polyhead.data.TextRecord;
import org.polyhead.heads.LabelGroup;
import org.polyhead.hierarchy.Taxonomy;

/**
 * A task's data ready for a model: the label groups, tokenized train and validation batches, provenance (dataset
 * SHA-256, tokenizer id), files to keep as run artifacts (e.g. the split assignment), for label paths the taxonomy
 * that hierarchical designs bind to (null otherwise), and the task kind, which binds, validates and saves alike.
 * {@code test} holds the held-out part's batches (null when the spec sets no {@code data.test}); {@code records} the
 * split's records themselves, for baselines that read the texts (null when not kept).
 */
public record PreparedData(List<LabelGroup> groups, TextBatches train, TextBatches validation, int vocabSize,
                           String datasetName, String datasetSha256, String tokenizerId, Map<String, Path> artifacts,
                           Taxonomy taxonomy, TaskKind kind, TextBatches test,
                           Split<? extends TextRecord> records) {

    /** The validation texts in batch order (for the predictions artifact); empty when the records are not kept. */
    public List<String> validationTexts() {
        return records == null ? List.of() : records.validation().stream().map(TextRecord::text).toList();
    }
}
