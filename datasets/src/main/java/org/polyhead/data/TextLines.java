package org.polyhead.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.polyhead.UserError;

/**
 * The lines of a UTF-8 text file, decoded strictly: a byte sequence that is not UTF-8 is an error naming the file,
 * the 1-based line and the byte ({@code mine.jsonl:17: not UTF-8 text (byte 0xE9 at byte 12 of the line)}), where
 * {@link Files#readAllLines} says only "Input length = 1".
 */
public final class TextLines {
    private TextLines() {}

    /** Every line, without its line terminator ({@code \n} or {@code \r\n}). */
    public static List<String> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i == bytes.length && start == i) {
                    break;  // no line after a final newline
                }
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                lines.add(decode(utf8, file, lines.size() + 1, bytes, start, end));
                start = i + 1;
            }
        }
        return lines;
    }

    private static String decode(CharsetDecoder utf8, Path file, int line, byte[] bytes, int start, int end) {
        try {
            return utf8.reset().decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstBad(utf8, bytes, start, end);
            throw new UserError(String.format("%s:%d: not UTF-8 text (byte 0x%02X at byte %d of the line)", file, line,
                    bytes[start + bad] & 0xFF, bad + 1));
        }
    }

    /** Offset in the line of the first byte that does not decode. */
    private static int firstBad(CharsetDecoder utf8, byte[] bytes, int start, int end) {
        ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
        utf8.reset().decode(in, java.nio.CharBuffer.allocate(end - start), true);
        return in.position() - start;
    }
}
