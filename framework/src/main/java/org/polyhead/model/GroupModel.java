package org.polyhead.model;

import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.polyhead.encoder.BertEncoder;
import org.polyhead.encoder.EmbeddingTables;
import org.polyhead.encoder.EncoderConfig;
import org.polyhead.encoder.EncoderInputs;
import org.polyhead.encoder.EncoderOutputs;
import org.polyhead.encoder.WeightInit;
import org.polyhead.graph.DropoutMasks;
import org.polyhead.graph.Ops;
import org.polyhead.graph.Purpose;
import org.polyhead.heads.LabelGroup;
import org.polyhead.losses.GroupLoss;

/**
 * One model predicting several label groups: encoder → pooling → head design → a loss per group → weighted total.
 * Owns the SameDiff graph and the embedding tables kept outside it. Graph outputs: {@code loss} (the weighted total),
 * {@code loss.<group>} and {@code pred.<group>} (probabilities or values).
 */
public final class GroupModel {
    public static final String LOSS = "loss";

    private final ModelSpec spec;
    private final SameDiff sd;
    private final EmbeddingTables tables;
    private final DropoutMasks dropout;
    private final int cachedLayers;
    private final DataType type;

    private GroupModel(ModelSpec spec, SameDiff sd, EmbeddingTables tables, DropoutMasks dropout, int cachedLayers,
                       DataType type) {
        this.spec = spec;
        this.cachedLayers = cachedLayers;
        this.dropout = dropout;
        this.sd = sd;
        this.tables = tables;
        this.type = type;
    }

    public static GroupModel build(ModelSpec spec, long seed) {
        return build(spec, seed, DataType.FLOAT);
    }

    /** Builds in the given floating type: FLOAT to train, DOUBLE for gradient checks. */
    public static GroupModel build(ModelSpec spec, long seed, DataType type) {
        return build(spec, seed, type, 0);
    }

    /**
     * Builds with the encoder cut after its lowest {@code cachedLayers} layers, whose output is then fed from a cache
     * ({@code BertEncoder.build}; 0 = one uncut graph). Initialisation is the same as uncut, draw for draw.
     */
    public static GroupModel build(ModelSpec spec, long seed, DataType type, int cachedLayers) {
        WeightInit init = new WeightInit(seed, type);
        EmbeddingTables tables = new EmbeddingTables(spec.encoder(), init);
        return build(spec, init, tables, cachedLayers, Purpose.TRAINING);
    }

    /**
     * This model for prediction: a second graph built from the same spec without dropout (so without dropout sites)
     * and with the ops of an {@link Purpose#INFERENCE} graph, sharing this model's embedding tables and reading every
     * parameter array from this graph at each use ({@link SharedParameterArrays}): no parameter is stored twice, and
     * the optimizer's updates and loaders' assignments are seen at once. Its outputs equal this graph's with dropout
     * off, within float rounding ({@code InferenceGraphTest}).
     */
    public GroupModel inference() {
        EncoderConfig bare = spec.encoder().withDropout(0);
        GroupModel m = build(new ModelSpec(bare, spec.pooling(), spec.heads(), spec.groups(), spec.weighting()),
                WeightInit.discarded(type), tables, cachedLayers, Purpose.INFERENCE);
        List<String> parameters = trainableVariables();
        Preconditions.checkState(new HashSet<>(m.trainableVariables()).equals(new HashSet<>(parameters)),
                "the inference graph's parameters differ from the training graph's: %s vs %s",
                m.trainableVariables(), parameters);
        m.sd.setVariablesArrays(new SharedParameterArrays(sd, m.sd.getVariablesArrays(), parameters));
        return m;
    }

    private static GroupModel build(ModelSpec spec, WeightInit init, EmbeddingTables tables, int cachedLayers,
                                    Purpose purpose) {
        DataType type = init.dataType();
        SameDiff sd = SameDiff.create();
        EncoderInputs in = BertEncoder.inputs(sd, spec.encoder(), init);
        EncoderOutputs encoded = BertEncoder.build(sd, spec.encoder(), in, init, cachedLayers, purpose);
        SDVariable features = spec.pooling().pool(sd, encoded, in);
        Map<String, SDVariable> outputs = spec.heads().outputs(sd, features,
                spec.pooling().width(spec.encoder().hidden()), spec.groups(), init);
        List<SDVariable> losses = new ArrayList<>();
        for (LabelGroup g : spec.groups()) {
            GroupLoss loss = spec.heads().loss(g);
            // a design may have declared the target already (teacher forcing reads the true parent)
            SDVariable target = Ops.placeholder(sd, g.targetName(), type, -1, g.width());
            losses.add(loss.loss(sd, outputs.get(g.name()), target).rename(g.lossName()));
            loss.prediction(sd, outputs.get(g.name())).rename(g.predictionName());
        }
        spec.weighting().total(sd, losses, type).rename(LOSS);
        sd.setLossVariables(LOSS);
        return new GroupModel(spec, sd, tables, in.dropout(), cachedLayers, type);
    }

    public ModelSpec spec() {
        return spec;
    }

    public SameDiff graph() {
        return sd;
    }

    /** The dropout sites whose masks every feed must carry. */
    public DropoutMasks dropout() {
        return dropout;
    }

    /** Encoder layers (with the embeddings) whose output the graph takes from a cache; 0 when it is not cut. */
    public int cachedLayers() {
        return cachedLayers;
    }

    public EmbeddingTables tables() {
        return tables;
    }

    public List<LabelGroup> groups() {
        return spec.groups();
    }

    /** Graph variables the optimizer updates: every VARIABLE except the fed-in embedding sum. */
    public List<String> trainableVariables() {
        List<String> names = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE && !v.name().equals(EncoderInputs.EMBEDDINGS)) {
                names.add(v.name());
            }
        }
        return names;
    }

    /** Per-group loss output names, in group order. */
    public Map<String, String> groupLossNames() {
        Map<String, String> names = new LinkedHashMap<>();
        spec.groups().forEach(g -> names.put(g.name(), g.lossName()));
        return names;
    }
}
