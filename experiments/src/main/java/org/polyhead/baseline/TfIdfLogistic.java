package org.polyhead.baseline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.data.TextRecord;
import org.polyhead.heads.LabelGroup;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.data.text.impl.TextFeatureExtractorImpl;
import org.tribuo.data.text.impl.TokenPipeline;
import org.tribuo.transform.transformations.IDFTransformation;
import org.tribuo.util.tokens.impl.SplitPatternTokenizer;

/**
 * Logistic regression on TF-IDF-weighted counts of word 1- and 2-grams ({@link TextFeatures}: the whole text, or a
 * window around a marked target). Words are the runs of letters, digits and underscores; document frequencies come
 * from the training part alone.
 */
final class TfIdfLogistic implements Baseline {
    static final String NAME = "tfidf-lr";
    /** Longest n-gram counted. */
    static final int NGRAMS = 2;
    /**
     * A feature every record has: Tribuo refuses to predict an example none of whose features it saw in training (a
     * test text of unseen words only); IDF weighting turns it into 0, so it changes no prediction.
     */
    private static final String CONSTANT = "polyhead.constant";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Scores fit(BaselineInput in) {
        TextFeatureExtractorImpl<Label> extractor = new TextFeatureExtractorImpl<>(
                new TokenPipeline(new SplitPatternTokenizer("[^\\p{L}\\p{N}_]+"), NGRAMS, true));
        List<LinearClassifier.Features> train = features(extractor, in.trainRecords());
        List<LinearClassifier.Features> val = features(extractor, in.validationRecords());
        List<LinearClassifier.Features> test = in.testRecords() == null ? null : features(extractor, in.testRecords());
        Map<String, INDArray> valOut = new LinkedHashMap<>();
        Map<String, INDArray> testOut = test == null ? null : new LinkedHashMap<>();
        for (LabelGroup g : in.groups()) {
            List<INDArray> p = new LinearClassifier(new IDFTransformation()).fitPredict(g, train,
                    BaselineInput.labels(in.data().train(), g), java.util.Arrays.asList(val, test));
            valOut.put("pred." + g.name(), p.get(0));
            if (testOut != null) {
                testOut.put("pred." + g.name(), p.get(1));
            }
        }
        return new Scores(valOut, testOut);
    }

    private static List<LinearClassifier.Features> features(TextFeatureExtractorImpl<Label> extractor,
                                                            List<? extends TextRecord> records) {
        List<LinearClassifier.Features> out = new ArrayList<>();
        for (TextRecord r : records) {
            Example<Label> e = extractor.extract(LabelFactory.UNKNOWN_LABEL, TextFeatures.of(r));
            String[] names = new String[e.size() + 1];
            double[] values = new double[e.size() + 1];
            int i = 0;
            for (Feature f : e) {
                names[i] = f.getName();
                values[i++] = f.getValue();
            }
            names[i] = CONSTANT;
            values[i] = 1.0;
            out.add(new LinearClassifier.Features(names, values));
        }
        return out;
    }
}
