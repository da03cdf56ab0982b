package org.polyhead.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.heads.LabelGroup;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.Transformation;
import org.tribuo.transform.TransformationMap;

/**
 * L2-regularised logistic regression (liblinear through Tribuo, C = {@value #COST}) on named sparse features, fitted
 * per label group; {@code transformation} (e.g. IDF weighting, standardisation) is fitted on the training examples
 * only and applied to every part.
 */
final class LinearClassifier {
    /** Inverse regularisation strength, liblinear's and scikit-learn's default. */
    static final double COST = 1.0;
    private static final int MAX_ITERATIONS = 1000;
    private static final double TOLERANCE = 0.01;
    private static final LabelFactory LABELS = new LabelFactory();

    /** One record's features. */
    record Features(String[] names, double[] values) {}

    private final Transformation transformation;

    LinearClassifier(Transformation transformation) {
        this.transformation = transformation;
    }

    /** Fits on {@code train} with {@code labels} (class indices of {@code g}); probabilities for each other part. */
    List<INDArray> fitPredict(LabelGroup g, List<Features> train, int[] labels, List<List<Features>> parts) {
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("polyhead train part, group " + g.name(), LABELS), LABELS);
        for (int i = 0; i < train.size(); i++) {
            data.add(example(new Label(g.classes().get(labels[i])), train.get(i)));
        }
        Trainer<Label> liblinear = new LibLinearClassificationTrainer(
                new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), COST, MAX_ITERATIONS,
                TOLERANCE);
        // implicit zeros count: IDF's document frequency needs the examples that lack a feature too
        Model<Label> model = new TransformTrainer<>(liblinear, new TransformationMap(List.of(transformation)), false,
                true).train(data);
        List<INDArray> out = new ArrayList<>();
        for (List<Features> part : parts) {
            out.add(part == null ? null : probabilities(g, model, part));
        }
        return out;
    }

    private static INDArray probabilities(LabelGroup g, Model<Label> model, List<Features> part) {
        float[][] p = new float[part.size()][g.width()];
        for (int i = 0; i < part.size(); i++) {
            Prediction<Label> pred = model.predict(example(LabelFactory.UNKNOWN_LABEL, part.get(i)));
            for (Map.Entry<String, Label> e : pred.getOutputScores().entrySet()) {
                int c = g.classes().indexOf(e.getKey());
                if (c >= 0) {
                    p[i][c] = (float) e.getValue().getScore();
                }
            }
        }
        return Nd4j.createFromArray(p).castTo(DataType.FLOAT);
    }

    private static Example<Label> example(Label label, Features f) {
        return new ArrayExample<>(label, f.names(), f.values());
    }
}
