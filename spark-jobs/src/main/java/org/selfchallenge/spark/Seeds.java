package org.selfchallenge.spark;

import java.nio.charset.StandardCharsets;

/**
 * Derives every seed of a run from the root seed and the item's identity, so any row can be
 * reproduced alone: seed = SplitMix64 finaliser of (root ⊕ FNV-1a-64(identity)).
 */
public final class Seeds {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Seeds() {
    }

    public static long derive(long root, String identity) {
        long h = FNV_OFFSET;
        for (byte b : identity.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= FNV_PRIME;
        }
        return mix(root ^ h);
    }

    /** SplitMix64 finaliser (Steele et al. 2014): z ^= z>>>30; z *= 0xbf58476d1ce4e5b9; z ^= z>>>27; z *= 0x94d049bb133111eb; z ^= z>>>31. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
