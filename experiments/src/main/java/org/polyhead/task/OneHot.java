package org.polyhead.task;

import java.util.List;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.UserError;
import org.polyhead.data.TextRecord;
import org.polyhead.heads.LabelGroup;

/** One-hot targets of a single-label group, with the record's source line named when a label is not a class. */
final class OneHot {
    private OneHot() {}

    static <R extends TextRecord> INDArray of(LabelGroup g, List<R> records, Function<R, Object> label, String source) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, records.size(), g.width());
        for (int i = 0; i < records.size(); i++) {
            Object v = label.apply(records.get(i));
            if (v == null) {
                throw new UserError(source + ":" + records.get(i).line() + ": missing label for group '" + g.name() + "'");
            }
            int k = g.classes().indexOf(v.toString());
            if (k < 0) {
                throw new UserError(source + ":" + records.get(i).line() + ": label '" + v + "' is not in group '"
                        + g.name() + "' " + g.classes());
            }
            y.putScalar(i, k, 1f);
        }
        return y;
    }
}
