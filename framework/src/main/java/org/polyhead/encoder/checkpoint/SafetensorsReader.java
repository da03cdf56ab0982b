package org.polyhead.encoder.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.UserError;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads HuggingFace {@code .safetensors} files (an 8-byte little-endian header length, a JSON header naming each
 * tensor's dtype, shape and byte range, then the raw little-endian data) into float32 INDArrays. Written here rather
 * than pulled in because the format is tiny and every way a file can be wrong must become a {@link UserError} that names
 * the file and the tensor: a truncated download is the most common broken checkpoint.
 */
public final class SafetensorsReader {
    private static final long MAX_HEADER_BYTES = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsReader() {}

    /** All tensors of {@code file} in header order: floating-point ones as float32, integer buffers as int64. */
    public static Map<String, INDArray> read(Path file) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new UserError(file + ": not a safetensors file (" + size + " bytes, the header length alone needs 8)");
            }
            long headerLen = readLong(ch);
            if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES || 8 + headerLen > size) {
                throw new UserError(file + ": corrupt or truncated safetensors file (header says " + headerLen
                        + " bytes of JSON, file has " + size + " bytes)");
            }
            JsonNode header = parseHeader(file, ch, headerLen);
            long dataStart = 8 + headerLen;
            long dataSize = size - dataStart;
            Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                TensorEntry t = TensorEntry.parse(file, e.getKey(), e.getValue());
                if (t.end() > dataSize) {
                    throw new UserError(file + ": tensor '" + t.name() + "' needs bytes " + t.begin() + ".." + t.end()
                            + " of the data section, but the file has only " + dataSize
                            + " data bytes (truncated file?)");
                }
                ByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, dataStart + t.begin(), t.end() - t.begin())
                        .order(ByteOrder.LITTLE_ENDIAN);
                out.put(t.name(), toArray(t, buf));
            }
        } catch (IOException ex) {
            throw new UserError(file + ": cannot read safetensors file (" + ex.getMessage() + ")", ex);
        }
        return out;
    }

    private static long readLong(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining() && ch.read(b, b.position()) > 0) { }
        return b.flip().getLong();
    }

    private static JsonNode parseHeader(Path file, FileChannel ch, long headerLen) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) headerLen);
        while (b.hasRemaining() && ch.read(b, 8 + b.position()) > 0) { }
        JsonNode header;
        try {
            header = JSON.readTree(new String(b.array(), StandardCharsets.UTF_8).trim());
        } catch (IOException ex) {
            throw new UserError(file + ": safetensors header is not valid JSON (" + ex.getMessage() + ")");
        }
        if (header == null || !header.isObject()) {
            throw new UserError(file + ": safetensors header must be a JSON object of tensors");
        }
        return header;
    }

    private static INDArray toArray(TensorEntry t, ByteBuffer buf) {
        if (!t.isFloat()) {
            return toLongArray(t, buf);
        }
        float[] values = new float[Math.toIntExact(t.numel())];
        switch (t.dtype()) {
            case "F32" -> buf.asFloatBuffer().get(values);
            case "F64" -> { for (int i = 0; i < values.length; i++) values[i] = (float) buf.getDouble(); }
            case "F16" -> { for (int i = 0; i < values.length; i++) values[i] = HalfFloats.f16ToFloat(buf.getShort()); }
            case "BF16" -> { for (int i = 0; i < values.length; i++) values[i] = HalfFloats.bf16ToFloat(buf.getShort()); }
            default -> throw new IllegalStateException("dtype checked in TensorEntry: " + t.dtype());
        }
        long[] shape = t.shape();
        return shape.length == 0 ? Nd4j.scalar(DataType.FLOAT, values[0]) : Nd4j.create(values, shape, 'c');
    }

    /** Integer tensors are buffers (e.g. BERT's position_ids), never weights: read exactly, as int64. */
    private static INDArray toLongArray(TensorEntry t, ByteBuffer buf) {
        long[] values = new long[Math.toIntExact(t.numel())];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (t.dtype()) {
                case "I64" -> buf.getLong();
                case "I32" -> buf.getInt();
                case "I16" -> buf.getShort();
                case "I8" -> buf.get();
                case "U8", "BOOL" -> buf.get() & 0xff;
                default -> throw new IllegalStateException("dtype checked in TensorEntry: " + t.dtype());
            };
        }
        long[] shape = t.shape();
        return shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.createFromArray(values).reshape(shape);
    }
}
