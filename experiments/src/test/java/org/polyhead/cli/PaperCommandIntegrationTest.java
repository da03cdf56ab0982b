package org.polyhead.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.mlflow.UiLinks;
import org.polyhead.report.TrackedRuns;
import org.polyhead.track.MlflowServer;
import org.polyhead.track.MlflowServerExtension;

/**
 * {@code polyhead paper NAME} in a project of its own (the real project's data, models and Python environment linked
 * in, its local MLflow server started): like {@code sweep}, it prints the MLflow UI address of the sweep's parent run;
 * {@code --report-only} writes the report again from MLflow without running anything.
 */
@Tag("integration")
class PaperCommandIntegrationTest {
    private static final String SPEC = """
            name: paper-link-it
            data: {name: sotu, max_records: 60, validation: 0.25, max_length: 16}
            encoder: {layers: 1, hidden: 16, heads: 2, intermediate: 32}
            groups: [{name: party}, {name: era}]
            training: {epochs: 1, batch_size: 16, lr: 0.003, seed: 3}
            sweep: {grid: {loss.pi: [0.5]}}
            """;

    @AfterEach
    void clearHome() {
        System.clearProperty("polyhead.home");
    }

    @Test
    void paperPrintsTheUiLinkOfItsSweepAndReportOnlyRewritesItsReport(@TempDir Path home) throws Exception {
        Path project = MlflowServerExtension.projectHome();
        Files.createSymbolicLink(home.resolve(".venv"), project.resolve(".venv"));
        Files.createDirectories(home.resolve(".polyhead"));
        for (String linked : List.of("data", "models")) {
            Files.createSymbolicLink(home.resolve(".polyhead").resolve(linked), project.resolve(".polyhead/" + linked));
        }
        Files.writeString(Files.createDirectories(home.resolve(PaperCommand.DIR)).resolve("tiny.yaml"), SPEC);
        MlflowServer server = MlflowServer.ofProject(home);
        String url = server.start(0);
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setProperty("polyhead.home", home.toString());
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                assertEquals(0, Main.commandLine().execute("paper", "tiny"));
            } finally {
                System.setOut(stdout);
            }
            String out = printed.toString(StandardCharsets.UTF_8);
            MlflowClient client = new MlflowClient(url);
            List<TrackedRuns.RunRow> parents = TrackedRuns.search(client, "paper-link-it",
                    "tags.`polyhead.sweep` = 'parent'");
            assertEquals(1, parents.size());
            String parent = parents.get(0).runId();
            String experimentId = client.getRun(parent).getInfo().getExperimentId();
            assertTrue(out.lines().anyMatch(l -> l.equals("MLflow UI: " + UiLinks.run(url, experimentId, parent))),
                    out);

            Path report = home.resolve("reports/papers/tiny/index.md");
            Files.delete(report);
            assertEquals(0, Main.commandLine().execute("paper", "tiny", "--report-only"));
            assertEquals(1, TrackedRuns.search(client, "paper-link-it", "tags.`polyhead.sweep` = 'parent'").size(),
                    "--report-only runs nothing");
            String md = Files.readString(report);
            assertTrue(md.contains("`./polyhead paper tiny --report-only`") && md.contains("recorded by the sweep's "
                    + "parent run " + parent), md);
        } finally {
            server.stop();
        }
    }
}
