package org.polyhead.encoder.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.polyhead.UserError;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsReaderTest {

    @Test
    void miniLmTensorsMatchTheSafetensorsLibrary() throws Exception {
        Path file = PretrainedModels.miniLm().resolve("model.safetensors");
        JsonNode ref = HfReference.JSON.readTree(HfReference.run(List.of(HfReference.python().toString(),
                HfReference.script("safetensors_probe.py").toString(), "summary", file.toString())));
        Map<String, INDArray> read = SafetensorsReader.read(file);
        assertEquals(ref.size(), read.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = ref.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            INDArray a = read.get(e.getKey());
            String what = e.getKey();
            assertArrayEquals(longs(e.getValue().get("shape")), a.shape(), what);
            double[] values = a.castTo(DataType.DOUBLE).data().asDouble();
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            assertEquals(e.getValue().get("sum").asDouble(), sum, 1e-9 * Math.max(1, values.length), what);
            JsonNode head = e.getValue().get("head");
            for (int i = 0; i < head.size(); i++) {
                assertEquals(head.get(i).asDouble(), values[i], 0.0, what + "[" + i + "]");
            }
        }
        assertEquals(511L, read.get("embeddings.position_ids").getLong(0, 511));
    }

    @Test
    void halfBfloatAndDoubleDecodeExactlyAsTorchDoes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dtypes.safetensors");
        JsonNode ref = HfReference.JSON.readTree(HfReference.run(List.of(HfReference.python().toString(),
                HfReference.script("safetensors_probe.py").toString(), "write", file.toString())));
        Map<String, INDArray> read = SafetensorsReader.read(file);
        for (Iterator<Map.Entry<String, JsonNode>> it = ref.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            INDArray a = read.get(e.getKey());
            assertArrayEquals(longs(e.getValue().get("shape")), a.shape(), e.getKey());
            float[] got = a.data().asFloat();
            JsonNode want = e.getValue().get("values");
            for (int i = 0; i < want.size(); i++) {
                // torch widened F16/BF16 to float64 exactly; float32 holds every such value exactly too
                float w = (float) want.get(i).asDouble();
                assertEquals(Float.floatToIntBits(w), Float.floatToIntBits(got[i]),
                        e.getKey() + "[" + i + "]: want " + w + ", got " + got[i]);
            }
        }
    }

    @Test
    void writerRoundTripsAndPythonReadsIt(@TempDir Path dir) throws Exception {
        Map<String, INDArray> t = new LinkedHashMap<>();
        t.put("a.weight", Nd4j.linspace(-3, 3, 12, DataType.FLOAT).reshape(3, 4));
        t.put("a.bias", Nd4j.createFromArray(0.5f, -0.25f, 1e-7f));
        t.put("b.weight", Nd4j.linspace(1, 6, 6, DataType.FLOAT).reshape(2, 3).transpose());
        Path file = dir.resolve("w.safetensors");
        SafetensorsWriter.write(file, t, Map.of("format", "pt"));
        Map<String, INDArray> back = SafetensorsReader.read(file);
        assertEquals(t.keySet(), back.keySet());
        t.forEach((k, v) -> assertEquals(v, back.get(k), k));
        JsonNode ref = HfReference.JSON.readTree(HfReference.run(List.of(HfReference.python().toString(),
                HfReference.script("safetensors_probe.py").toString(), "summary", file.toString())));
        assertEquals(List.of(3L, 2L).toString(), ref.get("b.weight").get("shape").toString().replace(",", ", "));
        assertEquals(1.0, ref.get("b.weight").get("head").get(0).asDouble());
        assertEquals(4.0, ref.get("b.weight").get("head").get(1).asDouble());
    }

    @Test
    void truncatedFileNamesTheTensorThatIsCut(@TempDir Path dir) throws Exception {
        Path full = PretrainedModels.miniLm().resolve("model.safetensors");
        Path cut = dir.resolve("model.safetensors");
        try (var in = Files.newInputStream(full); OutputStream out = Files.newOutputStream(cut)) {
            out.write(in.readNBytes((int) (Files.size(full) / 2)));
        }
        UserError e = assertThrows(UserError.class, () -> SafetensorsReader.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("tensor '") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void malformedHeadersAreClearErrors(@TempDir Path dir) throws Exception {
        assertError(dir, new byte[] {1, 2, 3}, "not a safetensors file");
        assertError(dir, withHeader("{not json", 0), "not valid JSON");
        assertError(dir, withHeader("{\"x\": {\"dtype\": \"F32\", \"shape\": [2, 2], \"data_offsets\": [0, 12]}}", 12),
                "tensor 'x': data_offsets 0..12 hold 12 bytes, but shape [2, 2] of F32 needs 16");
        assertError(dir, withHeader("{\"x\": {\"dtype\": \"C64\", \"shape\": [1], \"data_offsets\": [0, 8]}}", 8),
                "tensor 'x': dtype C64 is not supported");
        assertError(dir, withHeader("{\"x\": {\"dtype\": \"F32\", \"shape\": [1]}}", 4),
                "tensor 'x': 'data_offsets' must be an array of 2");
        byte[] huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array();
        assertError(dir, huge, "corrupt or truncated");
    }

    private static void assertError(Path dir, byte[] bytes, String expected) throws IOException {
        Path f = Files.write(dir.resolve("bad.safetensors"), bytes);
        UserError e = assertThrows(UserError.class, () -> SafetensorsReader.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains(expected), e.getMessage());
    }

    private static byte[] withHeader(String json, int dataBytes) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h)
                .array();
    }

    private static long[] longs(JsonNode arr) {
        long[] out = new long[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(i).asLong();
        }
        return out;
    }
}
