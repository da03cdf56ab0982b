package org.polyhead.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.heads.LabelGroup;
import org.polyhead.model.Batch;
import org.polyhead.run.TrialModel;
import org.polyhead.spec.ExperimentSpec;
import org.polyhead.task.Checkpoints;
import org.polyhead.task.LossWeights;
import org.polyhead.task.PreparedData;
import org.polyhead.task.TextBatches;
import org.polyhead.train.OptimConfig;

/**
 * The split file the PyTorch side of {@code bench --trial} reads (python/bench_trial.py), written from the data
 * polyhead's side prepares: a header line with the recipe (checkpoint folder, dropout, batch size, learning rates,
 * weight decay, warm-up and total steps, label groups and loss weights), then one line per row: {@code part}
 * ({@code train} rows in epoch 1's batch order, then {@code validation} rows in record order), the token ids without
 * padding, and the class index per group. Both sides digest what they read in one canonical form ({@link #digest}).
 */
public final class TrialSplit {
    private TrialSplit() {}

    public static void write(Path file, ExperimentSpec spec, PreparedData data) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        ExperimentSpec.TrainingSpec t = spec.training();
        OptimConfig optim = TrialModel.optim(spec, data.train());
        header.put("checkpoint", Checkpoints.folder(spec.encoder().checkpoint()).toAbsolutePath().toString());
        header.put("pooling", spec.model().pooling());
        header.put("dropout", spec.encoder().dropout());
        header.put("batch_size", t.batchSize());
        header.put("lr", t.lr());
        header.put("head_lr", t.headLr() == null ? t.lr() : t.headLr());
        header.put("weight_decay", t.weightDecay());
        header.put("warmup_steps", optim.warmupSteps());
        header.put("total_steps", optim.totalSteps());
        ArrayNode groups = header.putArray("groups");
        data.groups().forEach(g -> groups.addObject().put("name", g.name()).put("classes", g.width()));
        ArrayNode weights = header.putArray("loss_weights");
        for (double w : LossWeights.of(spec.loss(), data.groups())) {
            weights.add(w);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(json.writeValueAsString(header) + "\n");
            for (Batch b : TrialModel.epoch(spec, data.train(), 1)) {
                for (int i = 0; i < b.size(); i++) {
                    w.write(row(json, "train", ids(b, i), labels(b.targets(), i, data.groups())));
                }
            }
            TextBatches v = data.validation();
            for (int i = 0; i < v.size(); i++) {
                w.write(row(json, "validation", v.ids()[i], labels(v.targets(), i, data.groups())));
            }
        }
    }

    /**
     * SHA-256 of the rows a side trains on (epoch 1's batches, in order) and validates on (record order), each as
     * {@code part ids labels} with comma-separated numbers, one row per line: python/bench_trial.py computes the same.
     */
    public static String digest(List<Batch> train, TextBatches validation, List<LabelGroup> groups) {
        Hasher h = Hashing.sha256().newHasher();
        for (Batch b : train) {
            for (int i = 0; i < b.size(); i++) {
                h.putString(line("train", ids(b, i), labels(b.targets(), i, groups)), StandardCharsets.UTF_8);
            }
        }
        for (int i = 0; i < validation.size(); i++) {
            h.putString(line("validation", validation.ids()[i], labels(validation.targets(), i, groups)),
                    StandardCharsets.UTF_8);
        }
        return h.hash().toString();
    }

    private static String row(ObjectMapper json, String part, int[] ids, int[] labels) throws IOException {
        ObjectNode r = json.createObjectNode();
        r.put("part", part);
        ArrayNode a = r.putArray("ids");
        for (int id : ids) {
            a.add(id);
        }
        ArrayNode l = r.putArray("labels");
        for (int c : labels) {
            l.add(c);
        }
        return json.writeValueAsString(r) + "\n";
    }

    private static String line(String part, int[] ids, int[] labels) {
        return part + " " + join(ids) + " " + join(labels) + "\n";
    }

    private static String join(int[] a) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            s.append(i == 0 ? "" : ",").append(a[i]);
        }
        return s.toString();
    }

    /** Row {@code i}'s token ids without the padding (its mask's length). */
    private static int[] ids(Batch b, int i) {
        int n = (int) b.mask().getRow(i).sumNumber().doubleValue();
        return java.util.Arrays.copyOf(b.ids()[i], n);
    }

    private static int[] labels(java.util.Map<String, INDArray> targets, int i, List<LabelGroup> groups) {
        int[] out = new int[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            out[g] = targets.get(groups.get(g).targetName()).getRow(i).argMax().getInt(0);
        }
        return out;
    }
}
