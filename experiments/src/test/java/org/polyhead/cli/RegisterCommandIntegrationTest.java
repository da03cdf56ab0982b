package org.polyhead.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;
import org.polyhead.track.MlflowServerExtension;
import org.polyhead.track.MlflowTracker;
import org.polyhead.track.RunStatus;
import org.polyhead.track.TrackedRun;

/** {@code polyhead register} against a real MLflow 3 server's model registry. */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class RegisterCommandIntegrationTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void clearHome() {
        System.clearProperty("polyhead.home");
    }

    private int run(String... args) {
        picocli.CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void aRunsModelFolderBecomesANewVersionEachTime(@TempDir Path home) throws IOException {
        System.setProperty("polyhead.home", home.toString());
        String url = MlflowServerExtension.url();
        String withModel = loggedRun(url, home, true);
        String withoutModel = loggedRun(url, home, false);

        assertEquals(0, run("register", withModel, "sotu-party", "--tracking-uri", url), err.toString());
        assertEquals(0, run("register", withModel, "sotu-party", "--tracking-uri", url), err.toString());
        assertTrue(out.toString().contains("registered model 'sotu-party' version 2 from run " + withModel),
                out.toString());
        var version = new MlflowClient(url).getModelVersion("sotu-party", "1");
        assertEquals(withModel, version.getRunId());
        assertEquals("runs:/" + withModel + "/model", version.getSource());

        assertEquals(2, run("register", withoutModel, "sotu-party", "--tracking-uri", url));
        assertTrue(err.toString().contains("run " + withoutModel + " has no model/ artifact folder"), err.toString());
    }

    private static String loggedRun(String url, Path home, boolean model) throws IOException {
        try (MlflowTracker tracker = new MlflowTracker(url, home.resolve("journal"), Duration.ofSeconds(30))) {
            TrackedRun run = tracker.startRun("register-test", model ? "with" : "without", null, Map.of());
            Path file = Files.writeString(home.resolve("model.json"), "{\"design\": \"separate\"}");
            run.logArtifact(file, model ? "model" : "other");
            run.end(RunStatus.FINISHED);
            return run.runId();
        }
    }
}
