package org.polyhead.encoder.checkpoint;

/**
 * IEEE half (F16) and bfloat16 (BF16) to float32 conversion: Java 17 has neither ({@code Float.float16ToFloat} came in
 * Java 20), and checkpoints are often saved in half precision.
 */
final class HalfFloats {
    private HalfFloats() {}

    /** bfloat16 is the top half of a float32, so widening is exact. */
    static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    static float f16ToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            // subnormal (or zero): value = mant * 2^-24, exact in float32
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
