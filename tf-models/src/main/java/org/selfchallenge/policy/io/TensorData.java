package org.selfchallenge.policy.io;

import java.util.Arrays;

/** A named float32 tensor on the Java heap, row-major, shape in HF layout (linear weights are [out, in]). */
public record TensorData(String name, long[] shape, float[] data) {
    public TensorData {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException(name + ": negative dimension in " + Arrays.toString(shape));
            }
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
        }
    }

    public long size() {
        return data.length;
    }
}
