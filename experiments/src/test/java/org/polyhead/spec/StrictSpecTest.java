package org.polyhead.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.polyhead.UserError;

/**
 * Specs are read strictly, and every refusal is one line in the user's words naming the file, line or key: repeated
 * keys, malformed YAML, values outside their range, values of the wrong type, contradicting keys.
 */
class StrictSpecTest {
    private static final String BASE = """
            name: t
            data: {name: sotu}
            groups: [{name: party}, {name: era}]
            """;

    private static String refusal(Path tmp, String yaml, String... sets) throws IOException {
        Path file = Files.writeString(tmp.resolve("spec.yaml"), yaml);
        String message = assertThrows(UserError.class, () -> SpecLoader.load(file, List.of(sets))).getMessage();
        assertEquals(1, message.lines().count(), message);
        return message.replace(file.toString(), "spec.yaml");
    }

    @Test
    void aRepeatedKeyIsRefusedWithItsLine(@TempDir Path tmp) throws IOException {
        assertEquals("spec.yaml:5: duplicate key 'name'", refusal(tmp, BASE + "training: {epochs: 2}\nname: u\n"));
    }

    @Test
    void malformedYamlNamesLineAndColumn(@TempDir Path tmp) throws IOException {
        String message = refusal(tmp, BASE + "training: {epochs: 2\nloss: {pi: 0.5}\n");
        assertEquals("spec.yaml:5:", message.substring(0, "spec.yaml:5:".length()), message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            training.epochs=three      | spec.yaml: training.epochs: expected an integer, got 'three'
            training.lr=fast           | spec.yaml: training.lr: expected a number, got 'fast'
            encoder.dropout=1.5        | spec.yaml: encoder.dropout: must be in [0,1), got 1.5
            encoder.dropout=1          | spec.yaml: encoder.dropout: must be in [0,1), got 1.0
            encoder.layers=-1          | spec.yaml: encoder.layers: must be > 0, got -1
            encoder.intermediate=0     | spec.yaml: encoder.intermediate: must be > 0, got 0
            data.max_records=-5        | spec.yaml: data.max_records: must be >= 1, got -5
            data.validation=0          | spec.yaml: data.validation: must be in (0,1), got 0.0
            data.validation=1          | spec.yaml: data.validation: must be in (0,1), got 1.0
            training.patience=-1       | spec.yaml: training.patience: must be >= 0, got -1
            loss={pi: 0.5, weights: [1, 2]} | spec.yaml: loss: give loss.pi (two groups) or loss.weights, not both
            groups=[{name: party}, {name: party}] | spec.yaml: groups[1].name: duplicate group name 'party'
            """)
    void aBadValueIsRefusedInTheUsersWords(String set, String message, @TempDir Path tmp) throws IOException {
        assertEquals(message, refusal(tmp, BASE, set));
    }
}
