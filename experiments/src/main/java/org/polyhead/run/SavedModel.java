package org.polyhead.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.UserError;
import org.polyhead.data.SpanRecord;
import org.polyhead.eval.Predictions;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.TargetScale;
import org.polyhead.heads.TargetType;
import org.polyhead.model.GroupModel;
import org.polyhead.pooling.TargetSelection;
import org.polyhead.provenance.RunProvenance;
import org.polyhead.spec.SpecLoader;
import org.polyhead.task.Checkpoints;
import org.polyhead.task.Predictor;
import org.polyhead.task.TargetTask;
import org.polyhead.task.TaskData;
import org.polyhead.task.TaskKind;
import org.polyhead.task.TextBatches;
import org.polyhead.task.Tokenized;
import org.polyhead.train.Checkpoint;
import org.polyhead.train.OptimConfig;
import org.polyhead.train.Trainer;

/**
 * A trained model on disk: the resolved spec ({@code config.yaml}), its label groups and vocabulary
 * ({@code model.json}) and its weights ({@code weights.zip}); enough to rebuild the graph and predict.
 */
public final class SavedModel {
    /** The key of a regression group's predicted value. */
    public static final String VALUE = "value";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Trainer trainer;
    private final GroupModel model;
    private final SpecLoader.Resolved spec;

    private SavedModel(Trainer trainer, GroupModel model, SpecLoader.Resolved spec) {
        this.trainer = trainer;
        this.model = model;
        this.spec = spec;
    }

    /**
     * @param task       the task kind's name ({@link TaskKind#name}); null in models saved before it was kept
     * @param provenance what reproduces the model's run; null in models saved before it was kept
     */
    record Meta(List<Map<String, Object>> groups, int vocabSize, String task, RunProvenance provenance) {}

    static void write(Path dir, SpecLoader.Resolved spec, List<LabelGroup> groups, int vocabSize, Trainer trainer,
                      int epoch, TaskKind kind, RunProvenance provenance) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.yaml"), spec.yaml());
        List<Map<String, Object>> g = new ArrayList<>();
        groups.forEach(x -> g.add(Map.of("name", x.name(), "type", x.type().name(), "classes", x.classes(),
                "loss", x.loss(), "scale", List.of(x.scale().mean(), x.scale().std()))));
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("model.json").toFile(), new Meta(g, vocabSize,
                kind.name(), provenance));
        new Checkpoint(epoch, trainer.optimizer().step(), List.of()).saveCompressed(dir.resolve("weights.zip"), trainer);
        kind.save(dir);
    }

    public static SavedModel load(Path dir) {
        if (!Files.isRegularFile(dir.resolve("model.json")) || !Files.isRegularFile(dir.resolve("weights.zip"))) {
            throw new UserError(dir + ": not a saved polyhead model (expected config.yaml, model.json, weights.zip)");
        }
        SpecLoader.Resolved spec = SpecLoader.load(dir.resolve("config.yaml"), List.of());
        Meta meta;
        try {
            meta = JSON.readValue(dir.resolve("model.json").toFile(), Meta.class);
        } catch (IOException e) {
            throw new UserError(dir.resolve("model.json") + ": " + e.getMessage(), e);
        }
        List<LabelGroup> groups = meta.groups().stream().map(SavedModel::group).toList();
        TaskKind kind = TaskData.saved(meta.task(), dir);
        GroupModel model = GroupModel.build(kind.bind(TrialRunner.modelSpec(spec.spec(), groups, meta.vocabSize())),
                spec.spec().training().seed());
        Trainer trainer = new Trainer(model, OptimConfig.adam(1e-3, 0, 0), 0);
        Checkpoint.restore(dir.resolve("weights.zip"), trainer);
        return new SavedModel(trainer, model, spec);
    }

    /** A group as model.json keeps it; models saved before losses and scales were stored get the defaults. */
    @SuppressWarnings("unchecked")
    private static LabelGroup group(Map<String, Object> m) {
        List<Number> scale = (List<Number>) m.get("scale");
        return new LabelGroup((String) m.get("name"), TargetType.valueOf((String) m.get("type")),
                (List<String>) m.get("classes"), (String) m.get("loss"),
                scale == null ? null : new TargetScale(scale.get(0).doubleValue(), scale.get(1).doubleValue()));
    }

    /**
     * Per text, per group: the class probabilities by class name (softmax and multilabel groups), or {@code value}: the
     * prediction in the target's original units (regression groups).
     */
    public List<Map<String, Map<String, Double>>> predict(List<String> texts) {
        if (selectsTargets()) {
            throw new UserError("this model classifies a marked target: give JSONL lines with \"text\" and \"span\""
                    + " or \"word_index\"");
        }
        Tokenized ids = Tokenized.of(Checkpoints.tokenizerOf(spec.spec().encoder()), texts, spec.spec().data().maxLength());
        return rows(new TextBatches(ids.ids(), unusedTargets(texts.size())), texts.size());
    }

    /**
     * Per marked target, per group: the class probabilities by class name. The records are tokenized as in training
     * (window centred on the target, markers if the spec used them); their labels are ignored.
     */
    public List<Map<String, Map<String, Double>>> predictTargets(List<SpanRecord> records, String source) {
        TargetTask.Encoded encoded = TargetTask.encode(spec.spec(), records, source);
        return rows(new TextBatches(encoded.ids(), Map.of(), encoded.selections()), records.size());
    }

    /**
     * Zero targets for graphs that read targets outside the loss (teacher forcing, whose prediction phase multiplies
     * them by 0); nothing for the others.
     */
    private Map<String, INDArray> unusedTargets(int n) {
        if (!model.graph().hasVariable(org.polyhead.graph.Phase.TRAINING)) {
            return Map.of();
        }
        Map<String, INDArray> zeros = new LinkedHashMap<>();
        for (LabelGroup g : model.groups()) {
            zeros.put(g.targetName(), org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, n,
                    g.width()));
        }
        return zeros;
    }

    private boolean selectsTargets() {
        return model.graph().hasVariable(TargetSelection.FIRST) || model.graph().hasVariable(TargetSelection.MEAN);
    }

    private List<Map<String, Map<String, Double>>> rows(TextBatches batches, int n) {
        double[] weights = new double[model.groups().size()];
        java.util.Arrays.fill(weights, 1.0);
        Predictions probs = Predictor.predictions(trainer, model.groups(), batches, weights,
                spec.spec().training().batchSize());
        List<Map<String, Map<String, Double>>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Map<String, Double>> row = new LinkedHashMap<>();
            for (LabelGroup g : model.groups()) {
                INDArray p = probs.of(g).getRow(i);
                Map<String, Double> byClass = new LinkedHashMap<>();
                if (g.type() == TargetType.REGRESSION) {
                    byClass.put(VALUE, p.getDouble(0));
                }
                for (int c = 0; c < g.classes().size(); c++) {
                    byClass.put(g.classes().get(c), p.getDouble(c));
                }
                row.put(g.name(), byClass);
            }
            rows.add(row);
        }
        return rows;
    }
}
