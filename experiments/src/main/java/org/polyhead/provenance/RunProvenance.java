package org.polyhead.provenance;

import java.util.LinkedHashMap;
import java.util.Map;
import org.polyhead.mlflow.RunConventions;
import org.polyhead.task.PreparedData;
import org.polyhead.track.Tags;

/**
 * What reproduces a run, as one record: the MLflow tags are written from it ({@link #tags}), and a saved model keeps
 * it in {@code model.json} (as Tribuo keeps its {@code ModelProvenance} inside the model). The report reads the same
 * facts back from the tags. The data facts are null for a sweep's parent run, which trains nothing.
 *
 * @param gitCommit     the commit of the working tree, or {@code unknown}
 * @param gitDirty      whether tracked files had uncommitted changes: {@code true}, {@code false} or {@code unknown}
 * @param configHash    SHA-256 of the resolved spec
 * @param seed          the training seed
 * @param version       the polyhead version
 * @param spec          the spec file, relative to the repository root when inside it
 * @param backend       the ND4J backend class
 * @param device        the GPU(s), or the CPU's architecture, cores and OpenMP threads
 * @param user          who ran it
 * @param note          the spec's header comment (the run's description in MLflow's UI), empty when none
 * @param dataset       the dataset's name
 * @param datasetSha256 SHA-256 of the dataset's records
 * @param tokenizer     what tokenized the texts
 * @param task          the task kind ({@code grouped}, {@code hierarchy}, {@code target})
 */
public record RunProvenance(String gitCommit, String gitDirty, String configHash, int seed, String version,
                            String spec, String backend, String device, String user, String note, String dataset,
                            String datasetSha256, String tokenizer, String task) {

    /** The same facts with the trial's data: dataset, its SHA-256, tokenizer and task kind. */
    public RunProvenance withData(PreparedData data) {
        return new RunProvenance(gitCommit, gitDirty, configHash, seed, version, spec, backend, device, user, note,
                data.datasetName(), data.datasetSha256(), data.tokenizerId(), data.kind().name());
    }

    /**
     * The facts as run tags, the data facts only where known, and the MLflow conventions' tags
     * ({@link RunConventions}) that fill the UI's User, Source and Version columns and the run's description.
     */
    public Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(Tags.GIT_COMMIT, gitCommit);
        tags.put(Tags.GIT_DIRTY, gitDirty);
        tags.put(Tags.CONFIG_HASH, configHash);
        tags.put(Tags.SEED, Integer.toString(seed));
        tags.put(Tags.VERSION, version);
        tags.put(Tags.SPEC, spec);
        tags.put(Tags.BACKEND, backend);
        tags.put(Tags.DEVICE, device);
        if (dataset != null) {
            tags.put(Tags.DATASET, dataset);
            tags.put(Tags.DATASET_SHA256, datasetSha256);
            tags.put(Tags.TOKENIZER, tokenizer);
            tags.put(Tags.TASK, task);
        }
        tags.putAll(RunConventions.tags(user, spec, gitCommit, note));
        return tags;
    }
}
