package org.polyhead.encoder.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.data.GroupRecord;
import org.polyhead.data.Sotu;
import org.polyhead.encoder.tokenizer.TokenBatch;
import org.polyhead.encoder.tokenizer.Tokenizer;
import org.polyhead.heads.LabelGroup;
import org.polyhead.heads.SeparateHeads;
import org.polyhead.heads.TargetType;
import org.polyhead.losses.FixedWeights;
import org.polyhead.model.Batch;
import org.polyhead.model.GroupModel;
import org.polyhead.model.ModelSpec;
import org.polyhead.pooling.ClsPooling;
import org.polyhead.train.OptimConfig;
import org.polyhead.train.Trainer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fine-tuning all-MiniLM-L6-v2 loaded into a polyhead multi-head model on a small real task: which era a State of the
 * Union passage comes from (1790–1839 vs 1940–). The training loss must fall, and the fine-tuned encoder, saved as a
 * HuggingFace folder and loaded back, must give exactly the hidden states the trained model computes.
 */
class FineTuneFromCheckpointTest {
    static final int MAX = 48;
    static final int BATCH = 8;
    static final int BATCHES = 4;
    static final int EPOCHS = 4;
    static final LabelGroup ERA = new LabelGroup("era", TargetType.SOFTMAX, List.of("1790-1839", "1940-"));
    static final double[] ONE = {1.0};

    @Test
    void lossFallsAndTheFineTunedEncoderRoundTrips(@TempDir Path dir) {
        Path miniLm = PretrainedModels.miniLm();
        HfConfig config = HfConfig.read(miniLm);
        ModelSpec spec = new ModelSpec(CheckpointLoader.encoderConfig(config), new ClsPooling(), new SeparateHeads(),
                List.of(ERA), new FixedWeights());
        GroupModel model = GroupModel.build(spec, 7);
        CheckpointLoader.load(miniLm, model.graph(), model.tables());
        List<Batch> batches;
        try (Tokenizer tok = Tokenizer.load(miniLm, MAX)) {
            batches = batches(tok, passages());
        }
        Trainer trainer = new Trainer(model, OptimConfig.adam(2e-4, 2, BATCHES * EPOCHS), 11);
        double before = meanLoss(trainer, batches);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            batches.forEach(b -> trainer.step(b, ONE));
        }
        double after = meanLoss(trainer, batches);
        System.out.printf("fine-tune: training loss %.4f -> %.4f after %d steps%n", before, after, BATCHES * EPOCHS);
        assertTrue(after < 0.5 * before, "loss " + before + " -> " + after);

        CheckpointWriter.save(dir, config, model.graph(), model.tables());
        Batch b = batches.get(0);
        INDArray trained = trainer.outputs(b, ONE, List.of(PretrainedEncoder.OUTPUT)).get(PretrainedEncoder.OUTPUT);
        try (PretrainedEncoder reloaded = PretrainedEncoder.load(dir, MAX)) {
            INDArray again = reloaded.lastHiddenState(new TokenBatch(b.ids(), masks(b), b.types()));
            assertEquals(trained, again);
        }
    }

    /** 16 passages of each era, 32 words each, drawn reproducibly. */
    private static List<GroupRecord> passages() {
        List<GroupRecord> all = new ArrayList<>(Sotu.load(PretrainedModels.home(), 32).records());
        Collections.shuffle(all, new Random(11));
        List<GroupRecord> picked = new ArrayList<>();
        for (String era : ERA.classes()) {
            all.stream().filter(r -> era.equals(r.labels().get("era"))).limit(BATCHES * BATCH / 2).forEach(picked::add);
        }
        Collections.shuffle(picked, new Random(12));
        assertEquals(BATCHES * BATCH, picked.size());
        return picked;
    }

    private static List<Batch> batches(Tokenizer tok, List<GroupRecord> records) {
        List<Batch> out = new ArrayList<>();
        for (int start = 0; start < records.size(); start += BATCH) {
            List<GroupRecord> rs = records.subList(start, start + BATCH);
            TokenBatch t = tok.encode(rs.stream().map(GroupRecord::text).toList());
            INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, ERA.width());
            for (int i = 0; i < BATCH; i++) {
                y.putScalar(i, ERA.classes().indexOf((String) rs.get(i).labels().get("era")), 1.0);
            }
            out.add(new Batch(t.inputIds(), t.tokenTypeIds(), t.mask(DataType.FLOAT), Map.of(ERA.targetName(), y)));
        }
        return out;
    }

    private static double meanLoss(Trainer trainer, List<Batch> batches) {
        return batches.stream().mapToDouble(b -> trainer.outputs(b, ONE, List.of(GroupModel.LOSS))
                .get(GroupModel.LOSS).getDouble(0)).average().orElseThrow();
    }

    private static int[][] masks(Batch b) {
        return b.mask().toIntMatrix();
    }
}
