package org.selfchallenge.policy.io;

/**
 * Safetensors element types we read (F32, BF16, F16) and write (F32, BF16, F16), with exact conversions:
 * BF16/F16 → F32 is exact; F32 → BF16/F16 rounds to nearest even.
 */
public enum DType {
    F32(4), BF16(2), F16(2);

    public final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public static DType parse(String s, String tensor) {
        return switch (s) {
            case "F32" -> F32;
            case "BF16" -> BF16;
            case "F16" -> F16;
            default -> throw new IllegalArgumentException("safetensors: tensor '" + tensor + "' has unsupported dtype "
                    + s + " (supported: F32, BF16, F16)");
        };
    }

    /** Parses a config.json torch_dtype ("float32", "bfloat16", "float16"). */
    public static DType fromTorch(String torchDtype) {
        return switch (torchDtype == null ? "float32" : torchDtype) {
            case "bfloat16" -> BF16;
            case "float16" -> F16;
            default -> F32;
        };
    }

    public static float bf16ToFloat(short b) {
        return Float.intBitsToFloat((b & 0xffff) << 16);
    }

    public static short floatToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** IEEE half → float, exact (including subnormals, inf, NaN). */
    public static float f16ToFloat(short h) {
        int s = (h >>> 15) & 1;
        int e = (h >>> 10) & 0x1f;
        int m = h & 0x3ff;
        float sign = s == 1 ? -1f : 1f;
        if (e == 0) {
            return sign * m * 0x1p-24f;
        }
        if (e == 31) {
            return m == 0 ? sign * Float.POSITIVE_INFINITY : Float.NaN;
        }
        return Float.intBitsToFloat((s << 31) | ((e - 15 + 127) << 23) | (m << 13));
    }

    /** float → IEEE half, round to nearest even, overflow to inf. */
    public static short floatToF16(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        if (Float.isNaN(f)) {
            return (short) (sign | 0x7e00);
        }
        float a = Math.abs(f);
        if (a >= 65520f) {
            return (short) (sign | 0x7c00);
        }
        if (a < 0x1p-14f) {
            // subnormal: value / 2^-24 rounded to nearest even
            int m = (int) Math.rint(a * 0x1p24f);
            return (short) (sign | m);
        }
        int abits = Float.floatToRawIntBits(a);
        int exp = ((abits >>> 23) & 0xff) - 127 + 15;
        int mant = abits & 0x7fffff;
        int half = (exp << 10) | (mant >>> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++;
        }
        return (short) (sign | half);
    }
}
