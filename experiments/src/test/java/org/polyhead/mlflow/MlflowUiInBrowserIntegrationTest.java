package org.polyhead.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.browser.HeadlessChromium;
import org.polyhead.report.TrackedRuns;
import org.polyhead.spec.SpecLoader;
import org.polyhead.sweep.SweepRunner;
import org.polyhead.sweep.TestSweeps;
import org.polyhead.track.MlflowServerExtension;
import org.polyhead.track.Tags;

/**
 * A real two-trial sweep as a user meets it in MLflow 3.17.2's own UI, rendered by headless Chromium: the runs table
 * shows each trial's User, Source and Dataset; the best trial's page shows who ran it, its source (the spec file and
 * commit) and its dataset inputs; its Artifacts tab lists the {@code model} folder, which the other trial's does not
 * ({@code tracking.log_model} defaults to {@code best}).
 *
 * <p>What the UI shows, as measured in the dumped DOM (the dumps are kept in {@code target/mlflow-ui-dom/}):
 * <ul>
 *   <li>{@code #/experiments/<id>} opens the experiment's Overview (GenAI charts), not its runs; the runs table is
 *       {@code #/experiments/<id>/runs}.</li>
 *   <li>The table nests child runs under their collapsed parent when sorted by creation time (the default), and shows
 *       Source, Models and Dataset but not User by default; the row expansion and the column choice live in the
 *       browser's local storage. The test opens it the way MLflow's "share view" link does: an experiment tag
 *       {@code mlflow.sharedViewState.<key>} holding the view (sorted by run name, so the trials are rows of their
 *       own; User, Source and Dataset selected) and {@code ?viewStateShareKey=<key>} in the address.</li>
 *   <li>The table is an ag-grid that draws only the columns that fit: the window is made wide.</li>
 *   <li>The table's Dataset cell shows both inputs ({@code sotu (<digest>) train, sotu (<digest>) validation},
 *       followed by a {@code +2} of MLflow's own); a run page's Datasets line shows the first input with its context
 *       ({@code sotu (<digest>) train}) and {@code +1} for the validation input, whose name opens only on a click.</li>
 * </ul>
 * Each page is one Chromium run of at most 30 s virtual time (about 15 s on the loaded 2-core machine), tried again
 * once if its data had not arrived.
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class MlflowUiInBrowserIntegrationTest {
    private static final String EXPERIMENT = "ui-browser-it";
    private static final String SPEC = """
            # Two π values on a small sample, opened in MLflow's UI.
            name: ui-browser-it
            data: {name: sotu, max_records: 120, validation: 0.25, max_length: 16}
            encoder: {layers: 1, hidden: 16, heads: 2, intermediate: 32, dropout: 0.1}
            groups: [{name: party}, {name: era}]
            training: {epochs: 2, batch_size: 16, lr: 0.003, seed: 5, early_stopping: val_acc_party, patience: 2}
            sweep:
              grid: {loss.pi: [0.2, 0.8]}
            """;
    /** MLflow's share-view tag prefix and the view the test opens (column ids as the UI names them). */
    private static final String SHARED_VIEW_TAG = "mlflow.sharedViewState.";
    private static final String SHARE_KEY = "polyhead-ui-test";
    private static final String USER_COLUMN = "attributes.`User`";
    private static final String SOURCE_COLUMN = "attributes.`Source`";
    private static final String DATASET_COLUMN = "attributes.`Dataset`";
    private static final String SHARED_VIEW = "{\"orderByKey\": \"tags.`mlflow.runName`\", \"orderByAsc\": true, "
            + "\"selectedColumns\": [\"" + USER_COLUMN + "\", \"" + SOURCE_COLUMN + "\", \"" + DATASET_COLUMN + "\"]}";
    private static final int VIRTUAL_MILLIS = 30_000;
    private static final Path DUMPS = Path.of("target", "mlflow-ui-dom");

    @Test
    void theUiShowsEachTrialsUserSourceAndDatasetAndTheBestTrialsModel(@TempDir Path tmp) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require("check MLflow's UI");
        Path specFile = Files.writeString(tmp.resolve("spec.yaml"), SPEC);
        SweepRunner.Outcome outcome = TestSweeps.sweep(SpecLoader.load(specFile, List.of()), tmp);
        String url = MlflowServerExtension.url();
        MlflowClient client = new MlflowClient(url);
        String experimentId = client.getRun(outcome.parentRunId()).getInfo().getExperimentId();
        List<TrackedRuns.RunRow> children = TrackedRuns.children(client, EXPERIMENT, outcome.parentRunId());
        assertEquals(2, children.size());
        TrackedRuns.RunRow best = children.stream().filter(c -> "best".equals(c.tags().get(Tags.MODEL_LOGGED)))
                .findFirst().orElseThrow();
        TrackedRuns.RunRow other = children.stream().filter(c -> c != best).findFirst().orElseThrow();
        String user = System.getProperty("user.name");
        String source = specFile.getFileName().toString();

        client.setExperimentTag(experimentId, SHARED_VIEW_TAG + SHARE_KEY, SHARED_VIEW);
        String runs = UiLinks.experiment(url, experimentId) + "?viewStateShareKey=" + SHARE_KEY;
        String tableDom = render(chromium, runs, "row-id=\"" + best.runId() + "\"", "runs");
        Map<String, Map<String, String>> table = MlflowUiDom.runTable(tableDom);
        for (TrackedRuns.RunRow child : children) {
            Map<String, String> row = table.get(child.runId());
            assertNotNull(row, "trial " + child.name() + " is a row of the runs table; rows: " + table);
            assertEquals(user, row.get(USER_COLUMN), "User column: " + row);
            assertTrue(row.getOrDefault(SOURCE_COLUMN, "").contains(source), "Source column: " + row);
            String dataset = row.getOrDefault(DATASET_COLUMN, "");
            assertTrue(dataset.contains("sotu") && dataset.contains("train") && dataset.contains("validation"),
                    "Dataset column, both inputs with their context: " + row);
        }

        String run = UiLinks.run(url, experimentId, best.runId());
        String runDom = render(chromium, run, "data-testid=\"key-value-Created by\"", "run");
        assertEquals(user, MlflowUiDom.aboutThisRun(runDom, "Created by"));
        String sourceLine = MlflowUiDom.aboutThisRun(runDom, "Source");
        assertTrue(sourceLine.startsWith(source), "Source: " + sourceLine);
        String commit = best.tags().get(RunConventions.GIT_COMMIT);
        if (commit != null) {
            assertTrue(sourceLine.contains(commit.substring(0, 7)), "the source's commit: " + sourceLine);
        }
        String datasets = MlflowUiDom.datasets(runDom);
        assertNotNull(datasets, "the run page has a Datasets section");
        assertTrue(datasets.matches("sotu \\([0-9a-f]+\\) train \\+1"),
                "the train input with its digest, and one more (validation): " + datasets);

        List<String> bestArtifacts = artifacts(chromium, run, "best-artifacts");
        assertTrue(bestArtifacts.contains("model"), "the best trial's model folder: " + bestArtifacts);
        List<String> otherArtifacts = artifacts(chromium, UiLinks.run(url, experimentId, other.runId()),
                "other-artifacts");
        assertFalse(otherArtifacts.isEmpty(), "the other trial's artifact tree rendered");
        assertFalse(otherArtifacts.contains("model"), "log_model: best keeps one model: " + otherArtifacts);
    }

    private static List<String> artifacts(HeadlessChromium chromium, String runUrl, String name) throws Exception {
        return MlflowUiDom.artifactNames(render(chromium, runUrl + "/artifacts", "artifact-tree-node", name));
    }

    /** The page's DOM once it shows {@code marker} (one retry: under load the data may come after the budget). */
    private static String render(HeadlessChromium chromium, String url, String marker, String name)
            throws IOException, InterruptedException {
        String dom = chromium.dumpDom(url, VIRTUAL_MILLIS, 2400, 1400);
        if (!dom.contains(marker)) {
            dom = chromium.dumpDom(url, VIRTUAL_MILLIS, 2400, 1400);
        }
        Files.createDirectories(DUMPS);
        Files.writeString(DUMPS.resolve(name + ".html"), dom);
        assertTrue(dom.contains(marker), url + " did not render " + marker + "; DOM in " + DUMPS.resolve(name
                + ".html"));
        return dom;
    }
}
