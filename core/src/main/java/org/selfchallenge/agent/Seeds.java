package org.selfchallenge.agent;

import java.nio.charset.StandardCharsets;

/**
 * Per-episode seeds derived from the run seed and the item's identity, so that any episode can be
 * reproduced alone and parallel or retried executions draw the same numbers:
 * seed = splitmix64(base ⊕ fnv1a64(key) ⊕ splitmix64(index)).
 */
public final class Seeds {
    private Seeds() {
    }

    public static long of(long base, String key, long index) {
        return mix(base ^ fnv1a(key) ^ mix(index + 0x9E3779B97F4A7C15L)) & Long.MAX_VALUE;
    }

    /** SplitMix64 finaliser (Steele et al. 2014). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a 64-bit hash of the UTF-8 bytes. */
    public static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
