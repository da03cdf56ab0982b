package org.polyhead.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.run.SavedModel;
import org.polyhead.run.TrialRunner;
import org.polyhead.spec.SpecLoader;
import org.polyhead.track.MlflowServerExtension;
import org.polyhead.track.RunStatus;

/**
 * experiments/specs/mixed-targets.yaml (party softmax + year regression, standardised, Huber) on a tiny slice of real
 * State of the Union passages, tracked in a real MLflow server: the run logs val_mae_year in years next to
 * val_acc_party, and the saved model predicts years in original units.
 */
@ExtendWith(MlflowServerExtension.class)
@Tag("integration")
class MixedTargetsIntegrationTest {

    @Test
    void mixedTargetsLogValMaeInYearsAndPredictYears(@TempDir Path tmp) throws IOException {
        Path home = MlflowServerExtension.projectHome();
        SpecLoader.Resolved spec = SpecLoader.load(home.resolve("experiments/specs/mixed-targets.yaml"), List.of(
                "sweep={}", "name=mixed-it", "data.max_records=96", "data.max_length=16", "encoder.layers=1",
                "encoder.hidden=16", "encoder.heads=2", "encoder.intermediate=32", "training.epochs=1",
                "training.batch_size=16", "model.weighting=uncertainty"));
        TrialRunner.Result result = TestSweeps.single(spec, tmp);
        assertEquals(RunStatus.FINISHED, result.status(), result.failure());
        MlflowClient client = new MlflowClient(MlflowServerExtension.url());
        List<Service.Metric> mae = client.getMetricHistory(result.runId(), "val_mae_year");
        assertEquals(1, mae.size(), "one point per epoch");
        // original units: an untrained model is off by years to decades, never by standardised fractions
        assertTrue(mae.get(0).getValue() > 1 && mae.get(0).getValue() < 250, "val_mae_year " + mae.get(0).getValue());
        Map<String, Double> m = result.metrics();
        for (String k : List.of("val_rmse_year", "val_loss_year", "val_acc_party", "val_f1_party", "val_loss_party")) {
            assertTrue(m.containsKey(k) && Double.isFinite(m.get(k)), k + " in " + m);
        }
        var predicted = SavedModel.load(tmp.resolve(result.runId()).resolve("model"))
                .predict(List.of("We must balance the budget and strengthen the Union."));
        double year = predicted.get(0).get("year").get(SavedModel.VALUE);
        assertTrue(year > 1700 && year < 2100, "predicted year " + year);
        assertEquals(1.0, predicted.get(0).get("party").values().stream().mapToDouble(Double::doubleValue).sum(), 1e-5);
    }
}
