package org.polyhead.task;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.UserError;
import org.polyhead.data.TextRecord;
import org.polyhead.heads.LabelGroup;

/**
 * Target arrays [N, width] of one group by its type: one-hot (softmax), multi-hot (multilabel: a list of class names,
 * or one name) or the value itself (regression, in original units: standardisation happens in the graph). A missing,
 * unknown or non-numeric label stops with the record's source and line.
 */
final class GroupTargets {
    private GroupTargets() {}

    static <R extends TextRecord> INDArray of(LabelGroup g, List<R> records, Function<R, Object> label, String source) {
        return switch (g.type()) {
            case SOFTMAX -> OneHot.of(g, records, label, source);
            case MULTILABEL -> multiHot(g, records, label, source);
            case REGRESSION -> values(g, records, label, source);
        };
    }

    private static <R extends TextRecord> INDArray multiHot(LabelGroup g, List<R> records, Function<R, Object> label,
                                                            String source) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, records.size(), g.width());
        for (int i = 0; i < records.size(); i++) {
            for (Object c : classesOf(present(g, records.get(i), label, source))) {
                int k = g.classes().indexOf(c.toString());
                if (k < 0) {
                    throw new UserError(where(source, records.get(i)) + "label '" + c + "' is not in group '"
                            + g.name() + "' " + g.classes());
                }
                y.putScalar(i, k, 1f);
            }
        }
        return y;
    }

    private static <R extends TextRecord> INDArray values(LabelGroup g, List<R> records, Function<R, Object> label,
                                                          String source) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, records.size(), 1);
        for (int i = 0; i < records.size(); i++) {
            y.putScalar(i, 0, number(g, records.get(i), present(g, records.get(i), label, source), source));
        }
        return y;
    }

    /** A continuous label as a double; anything else than a finite number is an error naming the line. */
    static double number(LabelGroup g, TextRecord r, Object v, String source) {
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw new UserError(where(source, r) + "group '" + g.name() + "' is a regression target and needs a number, got '"
                + v + "'");
    }

    /** The classes of a multi-label value: a list, or a single class name. */
    static Collection<?> classesOf(Object v) {
        return v instanceof Collection<?> c ? c : List.of(v);
    }

    private static <R extends TextRecord> Object present(LabelGroup g, R r, Function<R, Object> label, String source) {
        Object v = label.apply(r);
        if (v == null) {
            throw new UserError(where(source, r) + "missing label for group '" + g.name() + "'");
        }
        return v;
    }

    private static String where(String source, TextRecord r) {
        return source + ":" + r.line() + ": ";
    }
}
