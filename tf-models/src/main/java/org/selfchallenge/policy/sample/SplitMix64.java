package org.selfchallenge.policy.sample;

/**
 * SplitMix64 (Steele, Lea, Flood 2014): a tiny RNG whose whole state is one long, so training checkpoints
 * can save and restore it exactly. {@code z = (s += 0x9E3779B97F4A7C15); z = (z ^ z>>>30) * 0xBF58476D1CE4E5B9;
 * z = (z ^ z>>>27) * 0x94D049BB133111EB; return z ^ z>>>31}.
 */
public final class SplitMix64 {
    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    public long state() {
        return state;
    }

    public void setState(long s) {
        state = s;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
