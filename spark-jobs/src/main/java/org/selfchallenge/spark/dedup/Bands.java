package org.selfchallenge.spark.dedup;

import org.selfchallenge.agent.Seeds;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Banded MinHash: the part of near-duplicate detection that does not depend on who computed the
 * MinHash values (MLlib in the Spark stage, {@link PlainNearDuplicates} in a plain loop).
 *
 * <p>A signature of {@code b·r} MinHash values is cut into {@code b} bands of {@code r} rows; two
 * instructions are candidates when all {@code r} values of some band agree. For Jaccard similarity J,
 * P(candidate) = 1 − (1 − J^r)^b: with the defaults b = 8, r = 8 that is 0.989 at J = 0.9, 0.9998 at
 * J = 0.95, 1 for copies, and 0.055 at J = 0.71 (two short same-template instructions differing in one
 * word share 5 of 7 shingles). MLlib's own
 * {@code approxSimilarityJoin} ORs single hashes (r = 1), so every same-template pair becomes a
 * candidate and the candidate set grows quadratically within a template; banding keeps it near linear.
 * Candidates are confirmed with the exact Jaccard similarity of the hashed shingle sets, so banding can
 * only miss a pair (with the probability above), never invent one.
 */
public final class Bands {
    public static final int DEFAULT_BANDS = 8;
    public static final int DEFAULT_ROWS_PER_BAND = 8;
    /** Slack when comparing a Jaccard ratio with the threshold, so that 9/10 ≥ 0.9 holds. */
    static final double EPS = 1e-9;

    private Bands() {
    }

    /** One instruction in a bucket: its id, environment, whether it is a held-out task, sorted feature ids. */
    public static final class Member implements Serializable {
        private static final long serialVersionUID = 1L;
        final String id;
        final String env;
        final boolean heldout;
        final int[] features;

        public Member(String id, String env, boolean heldout, int[] features) {
            this.id = id;
            this.env = env;
            this.heldout = heldout;
            this.features = features;
        }
    }

    /**
     * A task's verdict: {@code dupOf} = the smallest id of a non-held-out near-duplicate with a smaller id
     * (null if none); {@code heldoutOverlap} = near-duplicate of some held-out task. It crosses Spark
     * shuffles (through KryoRecords).
     */
    public record Flag(String id, String env, String dupOf, boolean heldoutOverlap) implements Serializable {
        /** Two flags of the same task from different buckets: the smaller duplicate, either overlap. */
        public Flag merge(Flag o) {
            String d = dupOf == null ? o.dupOf : o.dupOf == null || dupOf.compareTo(o.dupOf) <= 0 ? dupOf : o.dupOf;
            return new Flag(id, env, d, heldoutOverlap || o.heldoutOverlap);
        }

        @Override
        public String toString() {
            return id + (dupOf == null ? "" : " dup_of=" + dupOf) + (heldoutOverlap ? " heldout_overlap" : "");
        }
    }

    /** A member with its band keys (what the driver collects to form the buckets). */
    public static final class Signed implements Serializable {
        private static final long serialVersionUID = 1L;
        final Member member;
        final long[] keys;

        public Signed(Member member, long[] keys) {
            this.member = member;
            this.keys = keys;
        }

        public String id() {
            return member.id;
        }
    }

    /** The {@code bands} bucket keys of a signature of {@code bands × rows} MinHash values. */
    public static long[] keys(String env, long[] signature, int bands, int rows) {
        long[] k = new long[bands];
        for (int band = 0; band < bands; band++) {
            k[band] = key(env, band, signature, rows);
        }
        return k;
    }

    /**
     * Buckets in one hash map, every bucket of two or more scanned (in parallel: buckets are
     * independent, and merging flags is order-free): the flags of all tasks, in id order.
     */
    public static List<Flag> flagAll(List<Signed> signed, double threshold) {
        Map<Long, List<Member>> buckets = new HashMap<>();
        for (Signed s : signed) {
            for (long k : s.keys) {
                buckets.computeIfAbsent(k, x -> new ArrayList<>(2)).add(s.member);
            }
        }
        Map<String, Flag> out = buckets.values().parallelStream()
                .filter(b -> b.size() > 1)
                .flatMap(b -> scan(b, threshold).stream())
                .collect(Collectors.toMap(Flag::id, f -> f, Flag::merge, TreeMap::new));
        return new ArrayList<>(out.values());
    }

    /**
     * Bucket key of band {@code band}: a 64-bit mix of the environment, the band index and the band's
     * {@code rows} MinHash values. Keys of different buckets may collide; the exact check absorbs that.
     */
    private static long key(String env, int band, long[] signature, int rows) {
        long h = Seeds.mix(Seeds.fnv1a(env) ^ (band * 0x9E3779B97F4A7C15L));
        for (int i = band * rows; i < (band + 1) * rows; i++) {
            h = Seeds.mix(h ^ signature[i]);
        }
        return h;
    }

    /**
     * Flags of one bucket's members. Members are visited in id order, so for each task the first
     * earlier non-held-out member at Jaccard ≥ {@code threshold} is the smallest such id in this bucket;
     * the minimum over all buckets of a task is then its global {@code dupOf}. Only tasks with a finding
     * are returned.
     */
    public static List<Flag> scan(List<Member> bucket, double threshold) {
        List<Member> ms = new ArrayList<>(bucket);
        ms.sort(Comparator.comparing((Member m) -> m.id));
        boolean anyHeldout = ms.stream().anyMatch(m -> m.heldout);
        List<Flag> out = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) {
            Member a = ms.get(i);
            if (a.heldout || (i > 0 && ms.get(i - 1).id.equals(a.id))) {
                continue;
            }
            String dup = null;
            boolean held = false;
            for (Member b : ms) {
                if (dup != null && (held || !anyHeldout)) {
                    break; // nothing left to learn about a
                }
                if (b.id.equals(a.id) || !b.env.equals(a.env)) {
                    continue;
                }
                boolean wanted = b.heldout ? !held : dup == null && b.id.compareTo(a.id) < 0;
                if (wanted && jaccard(a.features, b.features) >= threshold - EPS) {
                    if (b.heldout) {
                        held = true;
                    } else {
                        dup = b.id;
                    }
                }
            }
            if (dup != null || held) {
                out.add(new Flag(a.id, a.env, dup, held));
            }
        }
        return out;
    }

    /** |A ∩ B| / |A ∪ B| of two sorted, duplicate-free id arrays (1 for two empty sets). */
    public static double jaccard(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        int inter = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                inter++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        int union = a.length + b.length - inter;
        return union == 0 ? 1.0 : (double) inter / union;
    }
}
