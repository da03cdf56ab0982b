package org.polyhead.baseline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.polyhead.data.TextRecord;
import org.polyhead.encoder.checkpoint.PretrainedEncoder;
import org.polyhead.encoder.checkpoint.PretrainedModels;
import org.polyhead.encoder.tokenizer.TokenBatch;
import org.polyhead.heads.LabelGroup;
import org.polyhead.pooling.TargetSelection;
import org.polyhead.task.TextBatches;
import org.polyhead.spec.ExperimentSpec;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/**
 * A linear probe: logistic regression on the frozen pretrained encoder's pooled last hidden states (the spec's
 * {@code encoder.checkpoint}, or all-MiniLM-L6-v2 when the encoder is trained from scratch), each feature standardised
 * with the training part's mean and deviation. Pooling is the mean over a text's tokens (MiniLM's own sentence
 * embedding), or over the target's tokens for target data. The encoder reads the very token ids the trials train on
 * and its vectors are computed once per record ({@link FeatureCache}).
 */
final class Probe implements Baseline {
    static final String NAME = "probe";
    private static final int BATCH = 32;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Scores fit(BaselineInput in) {
        Map<Integer, float[]> vectors = vectors(in);
        List<LinearClassifier.Features> train = features(vectors, in.trainRecords());
        List<LinearClassifier.Features> val = features(vectors, in.validationRecords());
        List<LinearClassifier.Features> test = in.testRecords() == null ? null : features(vectors, in.testRecords());
        Map<String, INDArray> valOut = new LinkedHashMap<>();
        Map<String, INDArray> testOut = test == null ? null : new LinkedHashMap<>();
        for (LabelGroup g : in.groups()) {
            List<INDArray> p = new LinearClassifier(new MeanStdDevTransformation()).fitPredict(g, train,
                    BaselineInput.labels(in.data().train(), g), Arrays.asList(val, test));
            valOut.put("pred." + g.name(), p.get(0));
            if (testOut != null) {
                testOut.put("pred." + g.name(), p.get(1));
            }
        }
        return new Scores(valOut, testOut);
    }

    /** The checkpoint folder the probe reads. */
    static Path checkpoint(ExperimentSpec.EncoderSpec encoder) {
        String cp = encoder.checkpoint();
        boolean installed = cp == null || cp.isBlank() || cp.equals(PretrainedModels.MINILM);
        return installed ? PretrainedModels.miniLm() : Path.of(cp);
    }

    /** Where the features of this input's records are kept. */
    static FeatureCache cache(BaselineInput in) {
        return FeatureCache.of(PretrainedModels.home().resolve(".polyhead/cache/features"),
                in.data().datasetSha256(), checkpoint(in.spec().encoder()).toAbsolutePath().normalize().toString(),
                Integer.toString(in.spec().data().maxLength()), in.data().tokenizerId(),
                isTarget(in) ? "target-mean" : "mean");
    }

    private static boolean isTarget(BaselineInput in) {
        return in.data().train().perToken().containsKey(TargetSelection.MEAN);
    }

    /** Vectors of every record of the three parts, from the cache where it has them. */
    private static Map<Integer, float[]> vectors(BaselineInput in) {
        Path checkpoint = checkpoint(in.spec().encoder());
        boolean target = isTarget(in);
        FeatureCache cache = cache(in);
        Map<Integer, float[]> vectors = cache.load();
        int before = vectors.size();
        List<TextBatches> parts = new ArrayList<>(List.of(in.data().train(), in.data().validation()));
        List<List<? extends TextRecord>> records = new ArrayList<>(List.of(in.trainRecords(), in.validationRecords()));
        if (in.testRecords() != null) {
            parts.add(in.data().test());
            records.add(in.testRecords());
        }
        PretrainedEncoder encoder = null;
        try {
            for (int p = 0; p < parts.size(); p++) {
                List<? extends TextRecord> rs = records.get(p);
                if (rs.stream().allMatch(r -> vectors.containsKey(r.line()))) {
                    continue;
                }
                if (encoder == null) {
                    encoder = PretrainedEncoder.load(checkpoint, longest(parts));
                }
                encode(encoder, parts.get(p), rs, target, vectors);
            }
        } finally {
            if (encoder != null) {
                encoder.close();
            }
        }
        if (vectors.size() > before) {
            cache.save(vectors);
        }
        return vectors;
    }

    /** Pools each batch's last hidden states with the attention mask (or the target's mean selection). */
    private static void encode(PretrainedEncoder encoder, TextBatches part, List<? extends TextRecord> records,
                               boolean target, Map<Integer, float[]> out) {
        int[][] ids = part.ids();
        INDArray selection = target ? part.perToken().get(TargetSelection.MEAN) : null;
        for (int from = 0; from < ids.length; from += BATCH) {
            int to = Math.min(ids.length, from + BATCH);
            int t = 1;
            for (int i = from; i < to; i++) {
                t = Math.max(t, ids[i].length);
            }
            int[][] in = new int[to - from][t];
            int[][] mask = new int[to - from][t];
            for (int i = from; i < to; i++) {
                System.arraycopy(ids[i], 0, in[i - from], 0, ids[i].length);
                Arrays.fill(mask[i - from], 0, ids[i].length, 1);
            }
            INDArray hidden = encoder.lastHiddenState(new TokenBatch(in, mask, new int[to - from][t]));  // [B, T, d]
            INDArray weights = target
                    ? selection.get(NDArrayIndex.interval(from, to), NDArrayIndex.interval(0, t)).dup()
                    : meanWeights(mask);                                                           // [B, T]
            INDArray pooled = hidden.mul(weights.castTo(hidden.dataType()).reshape(to - from, t, 1)).sum(1); // [B, d]
            for (int i = from; i < to; i++) {
                out.put(records.get(i).line(), pooled.getRow(i - from).castTo(DataType.FLOAT).toFloatVector());
            }
        }
    }

    private static INDArray meanWeights(int[][] mask) {
        float[][] w = new float[mask.length][mask[0].length];
        for (int i = 0; i < mask.length; i++) {
            int n = Arrays.stream(mask[i]).sum();
            for (int j = 0; j < n; j++) {
                w[i][j] = 1f / n;
            }
        }
        return org.nd4j.linalg.factory.Nd4j.createFromArray(w);
    }

    private static int longest(List<TextBatches> parts) {
        return parts.stream().flatMap(p -> Arrays.stream(p.ids())).mapToInt(a -> a.length).max().orElse(1);
    }

    private static List<LinearClassifier.Features> features(Map<Integer, float[]> vectors,
                                                            List<? extends TextRecord> records) {
        List<LinearClassifier.Features> out = new ArrayList<>();
        for (TextRecord r : records) {
            float[] v = vectors.get(r.line());
            String[] names = new String[v.length];
            double[] values = new double[v.length];
            for (int j = 0; j < v.length; j++) {
                names[j] = String.format("h%03d", j);
                values[j] = v[j];
            }
            out.add(new LinearClassifier.Features(names, values));
        }
        return out;
    }
}
