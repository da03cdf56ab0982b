package org.polyhead.track;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.polyhead.UserError;

/**
 * A process that logs one run until its journal cannot be written, then ends the run as a trial does
 * ({@link TrackedRun#fail(RuntimeException)}). {@code FillingProcess URL JOURNAL_ROOT EXPERIMENT} prints {@code run
 * <id>}, then {@code error: <message>} and, read from disk right after the failure, {@code journal: <whole lines>
 * <parsed lines> <ends with a newline>}. Started under a file size limit ({@code ulimit -f}) it meets a real write
 * failure from the kernel, which may take part of a line before refusing the rest.
 */
public final class FillingProcess {
    private FillingProcess() {}

    public static void main(String[] args) throws IOException {
        try (MlflowTracker tracker = new MlflowTracker(args[0], Path.of(args[1]), Duration.ofSeconds(30))) {
            TrackedRun run = tracker.startRun(args[2], "filling", null, Map.of());
            System.out.println("run " + run.runId());
            try {
                for (long step = 0; ; step++) {
                    run.logMetric("train_loss", 1.0 / (step + 1), step);
                }
            } catch (UserError e) {
                System.out.println("error: " + e.getMessage());
                Path file = Path.of(args[1]).resolve(run.runId()).resolve("entries.jsonl");
                System.out.println("journal: " + describe(file));
                run.fail(e);
            }
        }
    }

    /** The journal file's lines, how many of them parse as entries, and whether it ends with a newline. */
    private static String describe(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        ObjectMapper json = new ObjectMapper();
        long parsed = 0;
        for (String line : lines) {
            try {
                json.readValue(line, JournalEntry.class);
                parsed++;
            } catch (IOException e) {
                // counted as not parsed
            }
        }
        return lines.size() + " " + parsed + " " + (bytes.length > 0 && bytes[bytes.length - 1] == '\n');
    }
}
