package org.polyhead.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.UserError;
import org.polyhead.spec.SpecLoader;
import org.polyhead.track.MlflowServerExtension;

/**
 * A sweep checks every trial before its parent run exists: a bad value or an unknown key in the grid, a design that
 * does not exist, loss weights that do not fit the groups, a data file that is not there. The message names the trial
 * and the key, and the real MLflow server holds no run of the experiment (not even the experiment).
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class SweepValidationIntegrationTest {
    private static final String SPEC = """
            name: %s
            data: {name: sotu, max_records: 60, validation: 0.25, max_length: 16}
            encoder: {layers: 1, hidden: 16, heads: 2, intermediate: 32, dropout: 0.1}
            groups: [{name: party}, {name: era}]
            training: {epochs: 1, batch_size: 16, lr: 0.003, seed: 3}
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sweep.grid={loss.pi: [0.5, 1.3]}          | 2/2 (pi=1.3)       | loss.pi: must be in [0,1], got 1.3
            sweep.grid={loss.pj: [0.5, 0.7]}          | 1/2 (pj=0.5)       | loss.pj: unknown key
            sweep.grid={model.pooling: [mean, bogus]} | 2/2 (pooling=bogus) | model.pooling: unknown design 'bogus'
            sweep.grid={loss.weights: [[1, 2], [1, 2, 3]]} | 2/2 (weights=[1, 2, 3]) | loss.weights: has 3 values
            sweep.grid={data.name: [sotu, no/such.jsonl]}  | 2/2 (name=no/such.jsonl) | no/such.jsonl
            """)
    void aMistakeInAnyTrialStopsTheSweepBeforeAnythingIsTracked(String set, String trial, String key,
                                                                @TempDir Path tmp) throws IOException {
        String experiment = "sweep-check-" + Math.abs(set.hashCode());
        Path file = Files.writeString(tmp.resolve("spec.yaml"), SPEC.formatted(experiment));
        SpecLoader.Resolved spec = SpecLoader.load(file, List.of(set));
        UserError e = assertThrows(UserError.class, () -> SweepIntegrationTest.sweep(spec, tmp));
        assertTrue(e.getMessage().startsWith("sweep trial " + trial + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(new MlflowClient(MlflowServerExtension.url()).getExperimentByName(experiment).isEmpty(),
                "no run, no experiment: nothing was created");
    }
}
