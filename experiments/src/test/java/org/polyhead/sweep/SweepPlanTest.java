package org.polyhead.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.polyhead.spec.SpecLoader;

/** Sweeps as specs write them: a random search draws the same trials from the same seed; a grid goes over any key. */
class SweepPlanTest {
    private static final String SPEC = """
            name: plan
            data: {name: sotu}
            groups: [{name: party}, {name: era}]
            sweep:
              grid: {encoder.layers: [1, 2], model.pooling: [mean, cls]}
              random: {training.lr: [1.0e-4, 1.0e-3], loss.pi: [0.0, 1.0]}
              trials: 3
              seed: %d
            """;

    private static List<Trial> plan(Path dir, int seed, String... sets) throws IOException {
        Path f = Files.writeString(dir.resolve("spec-" + seed + ".yaml"), SPEC.formatted(seed));
        return SweepPlan.trials(SpecLoader.load(f, List.of(sets)).spec().sweep());
    }

    @Test
    void aRandomSearchDrawsTheSameTrialsFromItsSeed(@TempDir Path tmp) throws IOException {
        List<Trial> first = plan(tmp, 5);
        assertEquals(first, plan(tmp, 5), "same seed, same draws");
        assertEquals(12, first.size(), "2 x 2 grid points x 3 draws");
        Set<Object> lrs = first.stream().map(t -> t.overrides().get("training.lr")).collect(Collectors.toSet());
        assertEquals(3, lrs.size(), "each draw shared by every grid point");
        for (Trial t : first) {
            double lr = (Double) t.overrides().get("training.lr");
            double pi = (Double) t.overrides().get("loss.pi");
            assertTrue(lr >= 1e-4 && lr <= 1e-3 && pi >= 0 && pi <= 1, t.name());
        }
        assertNotEquals(lrs, plan(tmp, 6).stream().map(t -> t.overrides().get("training.lr")).collect(Collectors.toSet()),
                "another seed, other draws");
        assertEquals(first, plan(tmp, 6, "sweep.seed=5"), "--set sweep.seed reproduces too");
    }

    @Test
    void everyTrialResolvesToAValidSpecWithItsValues(@TempDir Path tmp) throws IOException {
        Path f = Files.writeString(tmp.resolve("spec.yaml"), SPEC.formatted(1));
        SpecLoader.Resolved base = SpecLoader.load(f, List.of());
        Set<String> seen = SweepPlan.trials(base.spec().sweep()).stream().map(t -> base.with(t.overrides()))
                .map(r -> r.spec().encoder().layers() + "/" + r.spec().model().pooling())
                .collect(Collectors.toSet());
        assertEquals(Set.of("1/mean", "1/cls", "2/mean", "2/cls"), seen);
    }

    @Test
    void randomDrawsGetShortReadableRunNames() {
        Trial t = new Trial(java.util.Map.of("training.lr", 4.567891234e-4));
        assertEquals("lr=0.0004568", t.name());
        assertEquals("pi=0.25 heads=split", new Trial(new java.util.LinkedHashMap<>(java.util.Map.of("loss.pi", 0.25)) {{
            put("model.heads", "split");
        }}).name());
    }
}
