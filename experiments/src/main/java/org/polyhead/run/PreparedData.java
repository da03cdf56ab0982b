package org.polyhead.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.polyhead.heads.LabelGroup;

/**
 * A task's data ready for a model: the label groups, tokenized train and validation batches, provenance (dataset
 * SHA-256, tokenizer id) and files to keep as run artifacts (e.g. the split assignment).
 */
public record PreparedData(List<LabelGroup> groups, TextBatches train, TextBatches validation, int vocabSize,
                           String datasetName, String datasetSha256, String tokenizerId, Map<String, Path> artifacts) {}
