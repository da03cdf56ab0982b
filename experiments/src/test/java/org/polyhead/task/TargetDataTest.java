package org.polyhead.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.polyhead.UserError;
import org.polyhead.model.Batch;
import org.polyhead.pooling.TargetSelection;
import org.polyhead.spec.SpecLoader;
import org.polyhead.track.MlflowServerExtension;

/**
 * A user's target JSONL through the runner's data preparation: selections point at the target's sub-tokens, markers
 * wrap it, and each kind of bad line stops with the file and line.
 */
class TargetDataTest {
    private static final String GOOD = """
            {"text": "They run the shop.", "span": [5, 8], "label": 1}
            {"text": "A long run in the park.", "word_index": 2, "label": 0}
            {"text": "Unbelievable results", "span": [0, 12], "label": 1}
            {"text": "The run ended.", "span": [4, 7], "label": 0}
            {"text": "We ran home.", "span": [3, 6], "label": 1}
            """;

    @Test
    void selectionsMarkTheTargetsSubTokens(@TempDir Path tmp) throws IOException {
        PreparedData data = prepare(tmp, GOOD, "data.validation=0.4");
        TextBatches all = data.train();
        Batch b = all.inOrder(100).get(0);
        INDArray first = b.targets().get(TargetSelection.FIRST);
        INDArray mean = b.targets().get(TargetSelection.MEAN);
        assertEquals(b.mask().size(1), first.size(1), "selections are cut to the batch length");
        for (int i = 0; i < b.size(); i++) {
            assertEquals(1.0, first.getRow(i).sumNumber().doubleValue(), 1e-6);
            assertEquals(1.0, mean.getRow(i).sumNumber().doubleValue(), 1e-6);
            int at = first.getRow(i).argMax().getInt(0);
            assertTrue(at >= 1 && b.mask().getDouble(i, at) == 1, "a real token after [CLS]");
        }
        assertEquals(List.of("0", "1"), data.groups().get(0).classes());
        assertEquals("label", data.groups().get(0).name());
    }

    @Test
    void aMultiTokenTargetSpreadsTheMeanOverItsSubTokens(@TempDir Path tmp) throws IOException {
        PreparedData data = prepare(tmp, """
                {"text": "Zygomorphic flowers", "span": [0, 11], "label": 1}
                {"text": "Zygomorphic flowers", "span": [12, 19], "label": 0}
                """, "data.validation=0.5");  // a validation share of 0 is refused (it must be in (0,1))
        TargetTask.Encoded e = TargetTask.encode(SpecLoader.load(spec(tmp, "x.jsonl"), List.of()).spec(),
                org.polyhead.data.JsonlSpans.load(tmp.resolve("data.jsonl")).records(), "data.jsonl");
        INDArray mean = e.selections().get(TargetSelection.MEAN).getRow(0);
        int n = (int) mean.gt(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().intValue();
        assertEquals(4, n, "'zygomorphic' is z ##y ##go ##morphic: " + java.util.Arrays.toString(e.ids()[0]));
        assertEquals(1.0 / n, mean.getDouble(1), 1e-6, "the first sub-token follows [CLS]");
        assertEquals(2, data.train().size() + data.validation().size());
    }

    @Test
    void unusedMarkersWrapTheTargetAndTheSelectionStaysOnTheWord(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("data.jsonl"), GOOD);
        var spec = SpecLoader.load(spec(tmp, "x"), List.of("data.markers=unused")).spec();
        TargetTask.Encoded e = TargetTask.encode(spec,
                org.polyhead.data.JsonlSpans.load(tmp.resolve("data.jsonl")).records(), "data.jsonl");
        int[] ids = e.ids()[0];  // [CLS] they [unused0] run [unused1] the shop . [SEP]
        int at = e.selections().get(TargetSelection.FIRST).getRow(0).argMax().getInt(0);
        assertEquals(1, ids[at - 1], "[unused0] (id 1) right before the target");
        assertEquals(2, ids[at + 1], "[unused1] (id 2) right after it");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "span outside the text   | {\"text\": \"short\", \"span\": [2, 40], \"label\": 1}  | outside the text",
            "span inside a token     | {\"text\": \"They run the shop.\", \"span\": [5, 7], \"label\": 1} | not on token boundaries",
            "empty text              | {\"text\": \"\", \"span\": [0, 1], \"label\": 1}       | non-empty string",
            "label not 0/1           | {\"text\": \"They run.\", \"span\": [5, 8], \"label\": 2} | must be 0 or 1"})
    void badLinesStopWithTheFileAndLine(String what, String line, String message, @TempDir Path tmp) {
        String content = GOOD + line + "\n";
        UserError e = assertThrows(UserError.class, () -> prepare(tmp, content, "data.validation=0.2"));
        assertTrue(e.getMessage().contains("data.jsonl:6:"), what + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(message), what + ": " + e.getMessage());
    }

    @Test
    void dataWhoseLabelsAreAllOneClassIsRefusedNamingTheGroup(@TempDir Path tmp) {
        UserError e = assertThrows(UserError.class, () -> prepare(tmp, GOOD.replace("\"label\": 0", "\"label\": 1"),
                "data.validation=0.4"));
        assertEquals("data: group 'label' has only 1 class [1] in data.jsonl; a classifier needs at least two",
                e.getMessage());
    }

    private static PreparedData prepare(Path tmp, String jsonl, String... sets) throws IOException {
        Files.writeString(tmp.resolve("data.jsonl"), jsonl);
        return TaskData.prepare(SpecLoader.load(spec(tmp, "x"), List.of(sets)), MlflowServerExtension.projectHome(), tmp);
    }

    private static Path spec(Path tmp, String unused) throws IOException {
        return Files.writeString(tmp.resolve("spec.yaml"), "name: t\ndata: {name: " + tmp.resolve("data.jsonl")
                + ", max_length: 16, split_seed: 1}\nencoder: {layers: 1, hidden: 16, heads: 2}\nmodel: {pooling: target}\n");
    }
}
