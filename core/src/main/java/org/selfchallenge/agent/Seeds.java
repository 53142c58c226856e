package org.selfchallenge.agent;

import java.nio.charset.StandardCharsets;

/**
 * Every seed of a run, derived from the run's seed and the identity of what it seeds, so that any
 * episode or row can be reproduced alone and parallel or retried executions draw the same numbers.
 *
 * <p>Two derivations, both in use since the first recorded runs: changing either would change every
 * seed (and the demo's table) derived through it, so they stay as they are.
 * <ul>
 *   <li>{@link #episode}: sample {@code index} of item {@code key} (challenge episodes, benchmark
 *       samples), {@code splitmix64(base ⊕ fnv1a64(key) ⊕ splitmix64(index + γ)) & Long.MAX_VALUE};
 *       the index is mixed on its own so that consecutive samples of one item are unrelated;</li>
 *   <li>{@link #named}: the seed of one named purpose (a stage's items, the training order, the user
 *       simulator), {@code splitmix64(root ⊕ fnv1a64(name))}; the purpose and index are already in the
 *       name, e.g. {@code challenge/retail/7}.</li>
 * </ul>
 */
public final class Seeds {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** The seed of sample {@code index} of item {@code key} (non-negative). */
    public static long episode(long base, String key, long index) {
        return mix(base ^ fnv1a(key) ^ mix(index + GOLDEN_GAMMA)) & Long.MAX_VALUE;
    }

    /** The seed of the purpose {@code name} under the run's {@code root} seed (any sign). */
    public static long named(long root, String name) {
        return mix(root ^ fnv1a(name));
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
