package org.polyhead.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;

/**
 * A journal whose file cannot grow: a real process logs a run under a 64 KiB file size limit ({@code ulimit -f}), so
 * the kernel refuses a write of the journal part way through a line ("File too large"), as a full disk would. The
 * logging stops with one line naming the journal file, the file keeps whole lines only, everything journaled before
 * reaches a real MLflow server once, and the run ends FAILED with that line as its reason.
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class FullJournalIntegrationTest {

    @Test
    void aJournalThatCannotBeWrittenStopsTheRunWithOneLineAndEndsItFailed(@TempDir Path journal) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "a shell with ulimit");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("/bin/bash", "-c", "ulimit -f 64 && exec \"$0\" \"$@\"", java,
                "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), FillingProcess.class.getName(),
                MlflowServerExtension.url(), journal.toString(), "full-journal")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                .lines().toList();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the process ends");
        assertEquals(0, p.exitValue(), out.toString());
        assertEquals(3, out.size(), out.toString());
        String runId = out.get(0).substring("run ".length());
        String message = "cannot write the tracking journal " + journal.resolve(runId).resolve("entries.jsonl")
                + ": File too large";
        assertEquals("error: " + message, out.get(1));
        String[] lines = out.get(2).substring("journal: ".length()).split(" ");
        assertTrue(Long.parseLong(lines[0]) > 100, out.get(2));
        assertEquals(lines[0], lines[1], "every line of the journal parses");
        assertEquals("true", lines[2], "and the last one is whole");

        MlflowClient client = new MlflowClient(MlflowServerExtension.url());
        Service.Run run = client.getRun(runId);
        assertEquals(Service.RunStatus.FAILED, run.getInfo().getStatus());
        assertEquals(message, run.getData().getTagsList().stream().filter(t -> t.getKey().equals(Tags.FAILURE))
                .findFirst().orElseThrow().getValue());
        List<Long> steps = client.getMetricHistory(runId, "train_loss").stream().map(Service.Metric::getStep)
                .sorted().toList();
        assertEquals(LongStream.range(0, steps.size()).boxed().toList(), steps, "each point before the failure, once");
        assertEquals(List.of(), Journal.runs(journal), "the server has all of it, so the journal is removed");
    }
}
