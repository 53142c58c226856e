package org.selfchallenge.spark.dedup;

import org.apache.spark.ml.feature.HashingTF;
import org.selfchallenge.agent.Seeds;

import java.util.ArrayList;
import java.util.List;

/**
 * The verify stage's near-duplicate filter without Spark: the same shingles ({@link MinHasher#shingleIds}),
 * its own MinHash family, the same {@link Bands} and scan, in one thread. What {@code run.sh bench spark}
 * compares the Spark stage with, and a second implementation the tests check {@link NearDuplicateFilter}
 * against.
 */
public final class PlainNearDuplicates {
    /** Mersenne prime 2^31 − 1: the MinHash family h(x) = ((1 + x)·a + b) mod P is universal over it. */
    private static final long PRIME = 2_147_483_647L;

    private final HashingTF hashing;
    private final int shingleWords;
    private final int bands;
    private final int rows;
    private final double threshold;
    private final long[] a;
    private final long[] b;

    public PlainNearDuplicates(int shingleWords, int numFeatures, int bands, int rows, double threshold, long seed) {
        this.hashing = new HashingTF().setNumFeatures(numFeatures).setBinary(true);
        this.shingleWords = shingleWords;
        this.bands = bands;
        this.rows = rows;
        this.threshold = threshold;
        int n = bands * rows;
        a = new long[n];
        b = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = 1 + Long.remainderUnsigned(Seeds.mix(seed + 2L * i), PRIME - 1);
            b[i] = Long.remainderUnsigned(Seeds.mix(seed + 2L * i + 1), PRIME);
        }
    }

    /** Sorted hashed shingle ids of an instruction (empty if it has no word): {@link MinHasher#shingleIds}. */
    public int[] features(String instruction) {
        return MinHasher.shingleIds(instruction, shingleWords, hashing);
    }

    /** MinHash signature: value i = min over the set of ((1 + x)·a_i + b_i) mod P. */
    long[] signature(int[] features) {
        long[] sig = new long[a.length];
        for (int i = 0; i < sig.length; i++) {
            long m = Long.MAX_VALUE;
            for (int x : features) {
                m = Math.min(m, ((1L + x) * a[i] + b[i]) % PRIME);
            }
            sig[i] = m;
        }
        return sig;
    }

    /** One instruction to filter. */
    public record Task(String id, String env, boolean heldout, String instruction) {
    }

    /** Flags (tasks without a finding are absent), as {@link NearDuplicateFilter} computes them. */
    public List<Bands.Flag> flags(List<Task> tasks) {
        List<Bands.Signed> signed = new ArrayList<>(tasks.size());
        for (Task t : tasks) {
            int[] f = features(t.instruction());
            if (f.length > 0) {
                signed.add(new Bands.Signed(new Bands.Member(t.id(), t.env(), t.heldout(), f),
                        Bands.keys(t.env(), signature(f), bands, rows)));
            }
        }
        return Bands.flagAll(signed, threshold);
    }
}
