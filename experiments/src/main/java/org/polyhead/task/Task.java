package org.polyhead.task;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.data.Dataset;
import org.polyhead.data.Split;
import org.polyhead.data.TextRecord;
import org.polyhead.heads.LabelGroup;
import org.polyhead.hierarchy.Taxonomy;
import org.polyhead.spec.ExperimentSpec;

/**
 * How one kind of dataset becomes a model's label groups and targets: multi-group records, hierarchy paths (one group
 * per level) or marked targets. {@link TaskData} does the rest (sampling, tokenizing, split artifacts) alike for all.
 */
public interface Task<R extends TextRecord> extends TaskKind {

    Dataset<R> load(String nameOrPath, Path home);

    /** The label groups, with classes from the spec or (sorted) from the records. */
    List<LabelGroup> groups(ExperimentSpec spec, List<R> records, String source);

    Split<R> split(List<R> records, ExperimentSpec.DataSpec data);

    /** The groups with whatever they learn from the training split (e.g. a target's scale); by default unchanged. */
    default List<LabelGroup> fit(ExperimentSpec spec, List<LabelGroup> groups, List<R> train, String source) {
        return groups;
    }

    /** Target arrays [N, width] per target placeholder, for records in order. */
    Map<String, INDArray> targets(List<LabelGroup> groups, List<R> records, String source);

    /** The label taxonomy the records must follow, for tasks with label paths; null for the others. */
    default Taxonomy taxonomy(ExperimentSpec.DataSpec data, List<R> records, String source, Path home) {
        return null;
    }

    /** This kind as the prepared data carries it, bound to the data's taxonomy where it reads one. */
    default TaskKind kind(Taxonomy taxonomy) {
        return this;
    }

    /** Token ids and fed arrays of records, in order: the texts tokenized (truncated to max length) and the targets. */
    default TextBatches batches(ExperimentSpec spec, List<LabelGroup> groups, List<R> records, String source) {
        Tokenized ids = Tokenized.of(Checkpoints.tokenizerOf(spec.encoder()),
                records.stream().map(TextRecord::text).toList(), spec.data().maxLength());
        return new TextBatches(ids.ids(), targets(groups, records, source));
    }

    /** How an error names one of this task's label groups: {@code group 'party'} (a hierarchy's: its level). */
    default String describe(LabelGroup group) {
        return "group '" + group.name() + "'";
    }

    /** What tokenized the texts, for the run's provenance. */
    default String tokenizerId(ExperimentSpec spec) {
        return Tokenized.id(Checkpoints.tokenizerOf(spec.encoder()), spec.data().maxLength());
    }
}
