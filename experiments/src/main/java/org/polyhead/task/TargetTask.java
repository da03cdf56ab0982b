package org.polyhead.task;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.UserError;
import org.polyhead.data.Dataset;
import org.polyhead.data.DatasetRegistry;
import org.polyhead.data.SpanRecord;
import org.polyhead.data.Split;
import org.polyhead.data.Splits;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetType;
import org.polyhead.pooling.TargetSelection;
import org.polyhead.spec.ExperimentSpec;
import org.polyhead.target.EntityMarkers;
import org.polyhead.target.TargetTokenizer;
import org.polyhead.target.TargetTokens;

/**
 * One marked target per text with a binary label: one softmax group over the classes "0" and "1" (named
 * {@code label} unless the spec names it), split stratified by label. Besides token ids, each record feeds the
 * target's positions as {@link TargetSelection} weights (data, not parameters); every pooling design can train on
 * it, the {@code target} designs read the selections.
 */
public final class TargetTask implements Task<SpanRecord> {
    public static final String DEFAULT_GROUP = "label";

    @Override
    public Dataset<SpanRecord> load(String nameOrPath, Path home) {
        return DatasetRegistry.target(nameOrPath, home);
    }

    @Override
    public List<LabelGroup> groups(ExperimentSpec spec, List<SpanRecord> records, String source) {
        if (spec.groups().size() > 1) {
            throw new UserError("groups: a target dataset has one binary label; the spec names " + spec.groups().size()
                    + " groups");
        }
        String name = spec.groups().isEmpty() ? DEFAULT_GROUP : spec.groups().get(0).name();
        return List.of(new LabelGroup(name, TargetType.SOFTMAX, List.of("0", "1")));
    }

    @Override
    public Split<SpanRecord> split(List<SpanRecord> records, ExperimentSpec.DataSpec data) {
        return Splits.stratified(records, r -> Integer.toString(r.label()), data.validation(), data.test(),
                data.splitSeed());
    }

    @Override
    public Map<String, INDArray> targets(List<LabelGroup> groups, List<SpanRecord> records, String source) {
        return Map.of(groups.get(0).targetName(),
                OneHot.of(groups.get(0), records, r -> Integer.toString(r.label()), source));
    }

    @Override
    public TextBatches batches(ExperimentSpec spec, List<LabelGroup> groups, List<SpanRecord> records, String source) {
        Encoded encoded = encode(spec, records, source);
        return new TextBatches(encoded.ids(), targets(groups, records, source), encoded.selections());
    }

    /** Token ids (windowed on the target) and both selections [N, T] of records, in order. */
    public static Encoded encode(ExperimentSpec spec, List<SpanRecord> records, String source) {
        EntityMarkers markers = EntityMarkers.named(spec.data().markers());
        TargetTokens[] tokens = new TargetTokens[records.size()];
        try (InputStream json = markers.tokenizer(Checkpoints.tokenizerOf(spec.encoder()));
             TargetTokenizer tokenizer = TargetTokenizer.of(json, spec.data().maxLength())) {
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = tokenizer.encode(markers.insert(records.get(i)), source);
            }
        } catch (IOException e) {
            throw new UserError(Checkpoints.tokenizerOf(spec.encoder()) + ": cannot load tokenizer: " + e.getMessage(), e);
        }
        return Encoded.of(tokens);
    }

    @Override
    public String tokenizerId(ExperimentSpec spec) {
        String markers = spec.data().markers();
        String id = Task.super.tokenizerId(spec);
        return markers.equals(EntityMarkers.NONE) ? id : id + "+markers=" + markers;
    }

    /** Saved models and run tags name this kind {@code target}. */
    @Override
    public String name() {
        return "target";
    }

    /** Token ids per record and the target selections, {@link TargetSelection#FIRST} and {@link TargetSelection#MEAN}. */
    public record Encoded(int[][] ids, Map<String, INDArray> selections) {
        static Encoded of(TargetTokens[] tokens) {
            int t = 1;
            for (TargetTokens x : tokens) {
                t = Math.max(t, x.ids().length);
            }
            int[][] ids = new int[tokens.length][];
            INDArray first = Nd4j.zeros(DataType.FLOAT, tokens.length, t);
            INDArray mean = Nd4j.zeros(DataType.FLOAT, tokens.length, t);
            for (int i = 0; i < tokens.length; i++) {
                TargetTokens x = tokens[i];
                ids[i] = x.ids();
                first.putScalar(i, x.from(), 1f);
                for (int j = x.from(); j < x.to(); j++) {
                    mean.putScalar(i, j, 1f / (x.to() - x.from()));
                }
            }
            return new Encoded(ids, Map.of(TargetSelection.FIRST, first, TargetSelection.MEAN, mean));
        }
    }
}
