package org.polyhead.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.polyhead.UserError;
import org.polyhead.sweep.SweepPlan;
import org.polyhead.sweep.Trial;

/** Strict spec parsing: errors name the file and the key path; overrides and sweeps resolve as documented. */
class SpecLoaderTest {
    private static final String BASE = """
            name: t
            data: {name: sotu}
            groups: [{name: party}, {name: era}]
            loss: {pi: 0.5}
            """;

    private static Path spec(Path dir, String yaml) throws IOException {
        return Files.writeString(dir.resolve("spec.yaml"), yaml);
    }

    @Test
    void unknownKeyFailsWithItsPath(@TempDir Path tmp) throws IOException {
        UserError e = assertThrows(UserError.class,
                () -> SpecLoader.load(spec(tmp, BASE + "training: {epoks: 3}\n"), List.of()));
        assertTrue(e.getMessage().contains("spec.yaml") && e.getMessage().contains("training.epoks: unknown key"),
                e.getMessage());
    }

    @Test
    void piOutsideTheUnitIntervalNamesTheKey(@TempDir Path tmp) throws IOException {
        UserError e = assertThrows(UserError.class,
                () -> SpecLoader.load(spec(tmp, BASE), List.of("loss.pi=1.3")));
        assertTrue(e.getMessage().contains("loss.pi: must be in [0,1], got 1.3"), e.getMessage());
    }

    @Test
    void wrongTypeNamesTheKey(@TempDir Path tmp) throws IOException {
        UserError e = assertThrows(UserError.class,
                () -> SpecLoader.load(spec(tmp, BASE), List.of("training.epochs=many")));
        assertTrue(e.getMessage().contains("training.epochs"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        UserError e = assertThrows(UserError.class, () -> SpecLoader.load(Path.of("no/such.yaml"), List.of()));
        assertTrue(e.getMessage().contains("no/such.yaml"), e.getMessage());
    }

    @Test
    void groupByLengthIsOffUnlessWrittenAndPrintedWithTheOtherTrainingKeys(@TempDir Path tmp) throws IOException {
        SpecLoader.Resolved plain = SpecLoader.load(spec(tmp, BASE), List.of());
        assertEquals(false, plain.spec().training().groupByLength());
        assertTrue(SpecPrinter.yaml(plain.spec()).contains("group_by_length: false"), SpecPrinter.yaml(plain.spec()));
        SpecLoader.Resolved grouped = SpecLoader.load(spec(tmp, BASE), List.of("training.group_by_length=true"));
        assertEquals(true, grouped.spec().training().groupByLength());
        assertNotEquals(plain.hash(), grouped.hash());
        assertEquals(plain.hash(), SpecLoader.load(spec(tmp, BASE), List.of("training.group_by_length=false")).hash(),
                "the default written out is the same configuration");
        UserError e = assertThrows(UserError.class,
                () -> SpecLoader.load(spec(tmp, BASE), List.of("training.group_by_length=sometimes")));
        assertTrue(e.getMessage().contains("training.group_by_length"), e.getMessage());
    }

    @Test
    void overridesChangeTheHashAndTheParams(@TempDir Path tmp) throws IOException {
        SpecLoader.Resolved a = SpecLoader.load(spec(tmp, BASE), List.of());
        SpecLoader.Resolved b = SpecLoader.load(spec(tmp, BASE), List.of("loss.pi=0.25", "training.lr=0.01"));
        assertNotEquals(a.hash(), b.hash());
        assertEquals("0.25", b.params().get("loss.pi"));
        assertEquals(0.01, b.spec().training().lr());
        assertEquals(a.hash(), SpecLoader.load(spec(tmp, BASE), List.of()).hash());
    }

    @Test
    void gridTimesRandomDrawsEveryCombination() {
        var sweep = new ExperimentSpec.SweepSpec(Map.of("loss.pi", List.of(0.0, 1.0), "model.heads", List.of("split", "separate")),
                Map.of("training.lr", List.of(1e-4, 1e-3)), 3, 7);
        List<Trial> trials = SweepPlan.trials(sweep);
        assertEquals(12, trials.size());
        assertTrue(trials.get(0).name().matches("pi=0\\.0 heads=split lr=0\\.000\\d{1,4}"), trials.get(0).name());
        for (Trial t : trials) {
            double lr = (Double) t.overrides().get("training.lr");
            assertTrue(lr >= 1e-4 && lr <= 1e-3);
        }
        assertEquals(trials, SweepPlan.trials(sweep), "seeded");
    }
}
