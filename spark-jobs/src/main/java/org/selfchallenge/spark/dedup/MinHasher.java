package org.selfchallenge.spark.dedup;

import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One instruction to its band keys with MLlib's hashing, row by row: the shingles of MLlib's
 * {@link RegexTokenizer} (lower-cased, split at {@code \W+}, empty tokens dropped) and {@link NGram}
 * ({@code n} words joined by a space; the words alone for texts shorter than a shingle), their ids from
 * {@link HashingTF#indexOf}, and the MinHash values of a fitted {@link MinHashLSHModel}'s hash functions.
 *
 * <p>Why not the DataFrame chain of those transformers: it needs a Spark job of its own after the verify
 * pass, and it converts every row's shingles, feature vector and 64 one-element hash vectors into Spark's
 * row format and back. On 5,000 instructions (2 cores) the chain's job took ~300 ms; this class takes
 * ~27 µs of one core per instruction, inside the verify pass, on the rows the verifier accepted. The
 * chain stays the test oracle ({@code MinHasherTest}). {@code MinHashLSHModel.hashFunction} is
 * {@code protected[ml]} in Scala, public in the bytecode: pinned by the build's Spark version and
 * checked against the chain by that test.
 */
public final class MinHasher implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern WORD_BREAK = Pattern.compile("\\W+");

    private final int shingleWords;
    private final int bands;
    private final int rows;
    private final HashingTF hashing;
    private final MinHashLSHModel model;

    /** @param model MLlib's fitted MinHash with {@code bands × rows} hash functions */
    MinHasher(int shingleWords, int numFeatures, int bands, int rows, MinHashLSHModel model) {
        this.shingleWords = shingleWords;
        this.bands = bands;
        this.rows = rows;
        this.hashing = new HashingTF().setNumFeatures(numFeatures).setBinary(true);
        this.model = model;
    }

    /**
     * Sorted, distinct hashed shingle ids of {@code text} (empty if it has no word), as MLlib's tokenizer,
     * n-grams and {@code tf} give them. Lower-casing uses the root locale, where the tokenizer uses the
     * JVM's: the same on every machine of a cluster, whatever its locale.
     */
    public static int[] shingleIds(String text, int shingleWords, HashingTF tf) {
        String[] split = WORD_BREAK.split(text.toLowerCase(Locale.ROOT));
        int n = 0;
        for (String w : split) {
            if (!w.isEmpty()) {
                split[n++] = w;
            }
        }
        int[] ids;
        if (n < shingleWords) {
            ids = new int[n];
            for (int i = 0; i < n; i++) {
                ids[i] = tf.indexOf(split[i]);
            }
        } else {
            ids = new int[n - shingleWords + 1];
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < ids.length; i++) {
                b.setLength(0);
                b.append(split[i]);
                for (int j = 1; j < shingleWords; j++) {
                    b.append(' ').append(split[i + j]);
                }
                ids[i] = tf.indexOf(b.toString());
            }
        }
        return Arrays.stream(ids).sorted().distinct().toArray();
    }

    /** The bucket member and band keys of one instruction, or null when it has no word. */
    public Bands.Signed sign(String id, String env, boolean heldout, String instruction) {
        int[] f = shingleIds(instruction, shingleWords, hashing);
        if (f.length == 0) {
            return null; // MLlib's MinHash is undefined on an empty set
        }
        double[] ones = new double[f.length];
        Arrays.fill(ones, 1.0);
        Vector[] h = model.hashFunction(Vectors.sparse(hashing.getNumFeatures(), f, ones));
        long[] sig = new long[h.length];
        for (int i = 0; i < sig.length; i++) {
            sig[i] = (long) h[i].apply(0); // MLlib's hash values are integers held as doubles
        }
        return new Bands.Signed(new Bands.Member(id, env, heldout, f), Bands.keys(env, sig, bands, rows));
    }
}
