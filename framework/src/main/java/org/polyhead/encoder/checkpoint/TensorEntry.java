package org.polyhead.encoder.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import org.polyhead.UserError;

import java.nio.file.Path;
import java.util.Map;

/**
 * One tensor's entry in a safetensors header, validated: a known floating-point dtype, a non-negative shape and a byte
 * range whose length matches the shape. Kept apart from the reader so every header check names the file and tensor.
 */
record TensorEntry(String name, String dtype, long[] shape, long begin, long end) {
    static final Map<String, Integer> BYTES_PER_VALUE = Map.of("F32", 4, "F16", 2, "BF16", 2, "F64", 8,
            "I64", 8, "I32", 4, "I16", 2, "I8", 1, "U8", 1, "BOOL", 1);

    boolean isFloat() {
        return dtype.startsWith("F") || dtype.equals("BF16");
    }

    long numel() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    static TensorEntry parse(Path file, String name, JsonNode node) {
        String where = file + ": tensor '" + name + "'";
        if (!node.isObject()) {
            throw new UserError(where + ": header entry must be an object with dtype, shape, data_offsets");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new UserError(where + ": missing 'dtype'");
        }
        String dtype = dtypeNode.asText();
        Integer width = BYTES_PER_VALUE.get(dtype);
        if (width == null) {
            throw new UserError(where + ": dtype " + dtype + " is not supported (expected one of "
                    + BYTES_PER_VALUE.keySet() + ")");
        }
        long[] shape = longs(where, node.get("shape"), "shape", -1);
        long[] offsets = longs(where, node.get("data_offsets"), "data_offsets", 2);
        TensorEntry t = new TensorEntry(name, dtype, shape, offsets[0], offsets[1]);
        if (t.end < t.begin || t.end - t.begin != t.numel() * width) {
            throw new UserError(where + ": data_offsets " + t.begin + ".." + t.end + " hold " + (t.end - t.begin)
                    + " bytes, but shape " + java.util.Arrays.toString(shape) + " of " + dtype + " needs "
                    + t.numel() * width);
        }
        if (t.numel() > Integer.MAX_VALUE) {
            throw new UserError(where + ": " + t.numel() + " values is more than one array can hold");
        }
        return t;
    }

    private static long[] longs(String where, JsonNode node, String key, int wantLength) {
        if (node == null || !node.isArray() || (wantLength >= 0 && node.size() != wantLength)) {
            throw new UserError(where + ": '" + key + "' must be an array" + (wantLength >= 0 ? " of " + wantLength : "")
                    + " of non-negative integers");
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
                throw new UserError(where + ": '" + key + "' must hold non-negative integers, got " + node);
            }
            out[i] = v.asLong();
        }
        return out;
    }
}
