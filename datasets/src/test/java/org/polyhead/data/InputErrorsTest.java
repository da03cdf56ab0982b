package org.polyhead.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.polyhead.UserError;

/** A data file that is not JSON or not UTF-8 is refused in one line naming the file, line and column or byte. */
class InputErrorsTest {
    private static final String GOOD = "{\"text\": \"t\", \"labels\": {\"g\": \"a\"}}\n";

    @Test
    void malformedJsonNamesLineAndColumn(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("mine.jsonl"), GOOD + GOOD + "{\"text\": \"t\" \"labels\": {}}\n");
        String message = assertThrows(UserError.class, () -> DatasetRegistry.load(f.toString(), dir)).getMessage();
        assertEquals(f + ":3:14: not valid JSON (Unexpected character ('\"' (code 34)): was expecting comma to "
                + "separate Object entries)", message);
    }

    @Test
    void bytesThatAreNotUtf8NameTheFileAndLine(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
        latin1.write((GOOD + GOOD).getBytes(StandardCharsets.UTF_8));
        latin1.write("{\"text\": \"caf\u00e9\", \"labels\": {\"g\": \"b\"}}\n".getBytes(StandardCharsets.ISO_8859_1));
        Path f = Files.write(dir.resolve("latin1.jsonl"), latin1.toByteArray());
        String message = assertThrows(UserError.class, () -> DatasetRegistry.load(f.toString(), dir)).getMessage();
        assertEquals(f + ":3: not UTF-8 text (byte 0xE9 at byte 14 of the line)", message);
    }

    @Test
    void utf8LinesAreReadWithEitherLineEnding(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("t.txt"), "caf\u00e9\r\nna\u00efve\n\nlast");
        assertEquals(List.of("caf\u00e9", "na\u00efve", "", "last"), TextLines.read(f));
    }
}
