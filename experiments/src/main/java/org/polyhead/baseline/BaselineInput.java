package org.polyhead.baseline;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.data.TextRecord;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetType;
import org.polyhead.task.PreparedData;
import org.polyhead.task.TextBatches;
import org.polyhead.spec.ExperimentSpec;

/**
 * What a baseline sees of a trial: its spec (encoder checkpoint, max length), its prepared data (the same split, token
 * ids and one-hot targets the trials train on, and the records themselves) and the single-label groups it predicts
 * (multi-label and regression groups have no baseline here).
 */
public record BaselineInput(ExperimentSpec spec, PreparedData data, List<LabelGroup> groups) {

    public static BaselineInput of(ExperimentSpec spec, PreparedData data) {
        if (data.records() == null) {
            throw new IllegalArgumentException("baselines need the split's records");
        }
        return new BaselineInput(spec, data,
                data.groups().stream().filter(g -> g.type() == TargetType.SOFTMAX).toList());
    }

    /** The class index of each record of a part (the argmax of its one-hot target). */
    public static int[] labels(TextBatches part, LabelGroup g) {
        INDArray oneHot = part.targets().get(g.targetName());
        return oneHot.argMax(1).toIntVector();
    }

    public List<? extends TextRecord> trainRecords() {
        return data.records().train();
    }

    public List<? extends TextRecord> validationRecords() {
        return data.records().validation();
    }

    /** Null when the data has no test part. */
    public List<? extends TextRecord> testRecords() {
        return data.test() == null ? null : data.records().test();
    }
}
