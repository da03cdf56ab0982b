package org.polyhead.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.polyhead.UserError;
import org.polyhead.spec.SpecLoader;
import org.polyhead.track.MlflowServerExtension;

/** The {@code baselines} spec key: none by default, an unknown name is one line naming the key, the papers list all. */
class BaselineSpecTest {
    private static final String BASE = """
            name: t
            data: {name: wordnet-pos}
            groups: [{name: pos}]
            """;

    @Test
    void noBaselinesByDefault(@TempDir Path tmp) throws IOException {
        assertEquals(List.of(), SpecLoader.load(Files.writeString(tmp.resolve("s.yaml"), BASE), List.of())
                .spec().baselines());
    }

    @Test
    void anUnknownBaselineNamesTheKeyAndTheChoices(@TempDir Path tmp) throws IOException {
        Path spec = Files.writeString(tmp.resolve("s.yaml"), BASE + "baselines: [majority, svm]\n");
        UserError e = assertThrows(UserError.class, () -> SpecLoader.load(spec, List.of()));
        assertTrue(e.getMessage().contains("s.yaml") && e.getMessage().contains("baselines: unknown baseline 'svm', "
                + "expected one of [majority, tfidf-lr, probe]"), e.getMessage());
    }

    @Test
    void everyPaperRunsAllBaselinesAndHoldsOutATestPart() {
        Path dir = MlflowServerExtension.projectHome().resolve("experiments/paper");
        for (String paper : List.of("group-loss", "hierarchy", "target")) {
            SpecLoader.Resolved r = SpecLoader.load(dir.resolve(paper + ".yaml"), List.of());
            assertEquals(Baselines.NAMES, r.spec().baselines(), paper);
            assertEquals(0.2, r.spec().data().test(), paper);
        }
    }
}
