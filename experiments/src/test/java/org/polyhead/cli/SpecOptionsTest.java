package org.polyhead.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.polyhead.spec.SpecLoader;
import org.polyhead.track.MlflowServerExtension;
import picocli.CommandLine;

/**
 * {@code train}/{@code sweep} options that look before running: nothing here trains or talks to MLflow ({@code
 * --dry-run} prepares the data, as the check before a real run does).
 */
class SpecOptionsTest {
    private static final Path QUICKSTART = MlflowServerExtension.projectHome().resolve(QuickstartCommand.SPEC);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void printConfigIsASpecThatLoadsToTheSameResolvedSpec(@TempDir Path tmp) throws IOException {
        assertEquals(0, run("sweep", QUICKSTART.toString(), "--print-config", "loss.pi=0.3"));
        String printed = out.toString();
        assertTrue(printed.contains("log_model: best") && printed.contains("schedule: linear"), printed);
        Path again = Files.writeString(tmp.resolve("printed.yaml"), printed);
        SpecLoader.Resolved original = SpecLoader.load(QUICKSTART, List.of("loss.pi=0.3"));
        SpecLoader.Resolved reloaded = SpecLoader.load(again, List.of());
        assertEquals(original.spec(), reloaded.spec());
        out.getBuffer().setLength(0);
        assertEquals(0, run("sweep", again.toString(), "--print-config"));
        assertEquals(printed, out.toString(), "printing the printed spec changes nothing");
    }

    @Test
    void printConfigGivesTheSameConfigHashAsTheSpecItWasPrintedFrom(@TempDir Path tmp) throws IOException {
        assertEquals(0, run("sweep", QUICKSTART.toString(), "--print-config", "loss.pi=0.3"));
        Path again = Files.writeString(tmp.resolve("printed.yaml"), out.toString());
        SpecLoader.Resolved original = SpecLoader.load(QUICKSTART, List.of("loss.pi=0.3"));
        SpecLoader.Resolved reloaded = SpecLoader.load(again, List.of());
        assertEquals(original.hash(), reloaded.hash());
        assertEquals(original.with(Map.of("loss.pi", 0.5)).hash(), reloaded.with(Map.of("loss.pi", 0.5)).hash(),
                "and so do the trials of its sweep");
        assertEquals(original.hash(), SpecLoader.load(QUICKSTART, List.of("loss.pi=0.3",
                "training.schedule=linear")).hash(), "a default written out is the same configuration");
    }

    @Test
    void runParamsIncludeTheDefaults() {
        SpecLoader.Resolved spec = SpecLoader.load(QUICKSTART, List.of());
        var params = org.polyhead.spec.SpecPrinter.params(spec.spec());
        assertEquals("linear", params.get("training.schedule"), params.toString());
        assertEquals("best", params.get("tracking.log_model"), params.toString());
        assertEquals(spec.params().get("loss.pi"), params.get("loss.pi"));
    }

    @Test
    void dryRunListsEveryTrialWithItsConfigHash() {
        assertEquals(0, run("sweep", QUICKSTART.toString(), "--dry-run"));
        SpecLoader.Resolved base = SpecLoader.load(QUICKSTART, List.of());
        int trials = org.polyhead.sweep.SweepPlan.trials(base.spec().sweep()).size();
        assertTrue(out.toString().startsWith(trials + " trial(s) of "), out.toString());
        assertEquals(trials + 1L, out.toString().lines().count(), out.toString());
        assertTrue(out.toString().contains("pi=0.5"), out.toString());
    }

    @Test
    void dryRunRefusesABadGridValueAsTheSweepWould() {
        assertEquals(2, run("sweep", QUICKSTART.toString(), "--dry-run", "data.max_records=200",
                "--set", "sweep.grid={loss.pi: [0.5, 1.3]}"));
        String message = err.toString().trim();
        assertTrue(message.startsWith("polyhead: sweep trial 2/2 (pi=1.3): ") && message.contains("loss.pi"), message);
        assertEquals(1, message.lines().count(), message);
        assertEquals("", out.toString(), "no trial list for a sweep that would not run");
    }

    @Test
    void trainDryRunChecksTheRunAsTrainWould() {
        assertEquals(2, run("train", QUICKSTART.toString(), "--dry-run", "data.max_records=200",
                "model.pooling=bogus"));
        assertTrue(err.toString().contains("model.pooling"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void bareOverridesAreSetsAndAnythingElseIsNamed() {
        assertEquals(0, run("train", QUICKSTART.toString(), "--dry-run", "training.epochs=1"));
        assertTrue(out.toString().contains("1 trial(s)"), out.toString());
        assertEquals(2, run("train", QUICKSTART.toString(), "--dry-run", "epochs"));
        assertEquals("polyhead: 'epochs': expected KEY=VALUE after the spec (an override such as loss.pi=0.3)",
                err.toString().trim());
    }

    @Test
    void aValueOfTheWrongTypeSaysWhatWasExpected() {
        assertEquals(2, run("train", QUICKSTART.toString(), "--dry-run", "training.epochs=three"));
        assertTrue(err.toString().contains("training.epochs: expected an integer, got 'three'"), err.toString());
    }

    @Test
    void anUnknownKeySuggestsTheNearestOne() {
        assertEquals(2, run("train", QUICKSTART.toString(), "--dry-run", "training.epoks=1"));
        assertTrue(err.toString().contains("training.epoks: unknown key; did you mean 'epochs'?"), err.toString());
    }
}
