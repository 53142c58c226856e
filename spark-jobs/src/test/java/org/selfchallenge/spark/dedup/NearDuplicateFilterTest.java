package org.selfchallenge.spark.dedup;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.selfchallenge.spark.SharedSparkSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The banded filter (Spark + MLlib) and its plain twin against a naive oracle that compares every pair
 * of the same environment exactly, on a task set whose near-duplicates are known by construction.
 */
class NearDuplicateFilterTest extends SharedSparkSession {
    private static final double T = 0.9;
    private static final PlainNearDuplicates PLAIN = new PlainNearDuplicates(3, NearDuplicateFilter.NUM_FEATURES,
            Bands.DEFAULT_BANDS, Bands.DEFAULT_ROWS_PER_BAND, T, 7);

    @Test
    void jaccardOfSortedSets() {
        assertEquals(2.0 / 4.0, Bands.jaccard(new int[]{1, 2, 3}, new int[]{2, 3, 4}));
        assertEquals(1.0, Bands.jaccard(new int[]{5}, new int[]{5}));
        assertEquals(0.0, Bands.jaccard(new int[]{1}, new int[]{2}));
    }

    @Test
    void scanKeepsTheSmallestEarlierIdAndSeesHeldOutTasks() {
        int[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        int[] nearX = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11}; // 9/11 = 0.818 < 0.9: not near
        int[] sameX = x.clone();
        List<Bands.Member> bucket = List.of(new Bands.Member("c", "e", false, x), new Bands.Member("a", "e", false, sameX),
                new Bands.Member("b", "e", false, nearX), new Bands.Member("d", "other", false, x),
                new Bands.Member("h", "e", true, x));
        assertEquals(List.of(new Bands.Flag("a", "e", null, true), new Bands.Flag("c", "e", "a", true)), Bands.scan(bucket, T));
    }

    /**
     * 40 unrelated long instructions, 10 one-word edits of them, copies, a same-template family, held-out
     * tasks.
     */
    static List<PlainNearDuplicates.Task> tasks() {
        Random rnd = new Random(11);
        List<PlainNearDuplicates.Task> out = new ArrayList<>();
        List<String> longOnes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            StringBuilder b = new StringBuilder("Task");
            for (int w = 0; w < 59; w++) {
                b.append(' ').append("w").append(rnd.nextInt(5000));
            }
            longOnes.add(b.toString());
            out.add(new PlainNearDuplicates.Task(String.format("t-0%03d", i), "retail", false, b.toString()));
        }
        // Changing the last of 60 words changes 1 of 58 shingles: Jaccard 57/59 = 0.966.
        for (int i = 0; i < 10; i++) {
            out.add(new PlainNearDuplicates.Task(String.format("t-1%03d", i), "retail", false,
                    longOnes.get(i) + "x"));
        }
        for (int k = 0; k < 5; k++) {
            out.add(new PlainNearDuplicates.Task(String.format("t-2%03d", k), "retail", false, longOnes.get(0)));
        }
        out.add(new PlainNearDuplicates.Task("t-3000", "airline", false, longOnes.get(0))); // other environment
        // Exact copies of an edit (their duplicate is the edit's original) and of a text a held-out task has.
        out.add(new PlainNearDuplicates.Task("t-7000", "retail", false, longOnes.get(3) + "x"));
        out.add(new PlainNearDuplicates.Task("t-7001", "retail", false, longOnes.get(3) + "x"));
        out.add(new PlainNearDuplicates.Task("t-7002", "retail", false, longOnes.get(5)));
        out.add(new PlainNearDuplicates.Task("h-5", "retail", true, longOnes.get(5)));
        // One template, 120 words: any two share 5 of 7 shingles (0.714), so none is a near-duplicate...
        for (int i = 0; i < 120; i++) {
            out.add(new PlainNearDuplicates.Task(String.format("t-4%03d", i), "calculation", false,
                    "What is the length of the word 'v" + i + "'?"));
        }
        // ... except two repeats, and three that the held-out set already has.
        out.add(new PlainNearDuplicates.Task("t-5000", "calculation", false, "What is the length of the word 'v7'?"));
        out.add(new PlainNearDuplicates.Task("t-5001", "calculation", false, "what is the LENGTH of the word v8"));
        for (int i : new int[]{20, 21, 22}) {
            out.add(new PlainNearDuplicates.Task("h-" + i, "calculation", true, "What is the length of the word 'v" + i + "'?"));
        }
        out.add(new PlainNearDuplicates.Task("t-6000", "calculation", false, "?!"));
        return out;
    }

    /** Every pair of the same environment, compared exactly: what banding must reproduce. */
    static Map<String, Bands.Flag> naive(List<PlainNearDuplicates.Task> tasks) {
        Map<String, Bands.Flag> out = new TreeMap<>();
        for (PlainNearDuplicates.Task a : tasks) {
            int[] fa = PLAIN.features(a.instruction());
            if (a.heldout() || fa.length == 0) {
                continue;
            }
            String dup = null;
            boolean held = false;
            for (PlainNearDuplicates.Task b : tasks) {
                int[] fb = PLAIN.features(b.instruction());
                if (b == a || !b.env().equals(a.env()) || fb.length == 0 || Bands.jaccard(fa, fb) < T - 1e-9) {
                    continue;
                }
                if (b.heldout()) {
                    held = true;
                } else if (b.id().compareTo(a.id()) < 0 && (dup == null || b.id().compareTo(dup) < 0)) {
                    dup = b.id();
                }
            }
            if (dup != null || held) {
                out.put(a.id(), new Bands.Flag(a.id(), a.env(), dup, held));
            }
        }
        return out;
    }

    @Test
    void oracleSeesExactlyTheConstructedDuplicates() {
        Map<String, Bands.Flag> f = naive(tasks());
        // 10 edits + 5 copies + 2 repeats + 3 copies are duplicates; 3 calculation tasks overlap held-out
        // ones, and so do t-0005, its edit t-1005 and its copy t-7002.
        assertEquals(10 + 5 + 2 + 3, f.values().stream().filter(x -> x.dupOf() != null).count());
        assertEquals(3 + 3, f.values().stream().filter(Bands.Flag::heldoutOverlap).count());
        assertEquals(flag("t-7001", "t-0003", false), f.get("t-7001"));
        assertEquals(flag("t-0005", null, true), f.get("t-0005"));
        assertEquals(flag("t-1005", "t-0005", true), f.get("t-1005"));
        assertEquals(flag("t-7002", "t-0005", true), f.get("t-7002"));
        assertEquals(flag("t-1003", "t-0003", false), f.get("t-1003"));
        assertEquals(flag("t-2004", "t-0000", false), f.get("t-2004"));
        assertEquals(flag("t-5001", "t-4008", false), f.get("t-5001"));
        assertEquals(flag("t-4021", null, true), f.get("t-4021"));
    }

    /** The flag of task {@code id} of {@link #tasks()}, its environment looked up. */
    private static Bands.Flag flag(String id, String dupOf, boolean heldout) {
        String env = tasks().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow().env();
        return new Bands.Flag(id, env, dupOf, heldout);
    }

    private static Map<String, Bands.Flag> byId(List<Bands.Flag> flags) {
        Map<String, Bands.Flag> m = new TreeMap<>();
        flags.forEach(f -> assertEquals(null, m.put(f.id(), f), "one flag per task"));
        return m;
    }

    @Test
    void plainBandsMatchTheOracle() {
        assertEquals(naive(tasks()), byId(PLAIN.flags(tasks())));
    }

    @Test
    void sparkFilterMatchesTheOracle() {
        List<Row> rows = new ArrayList<>();
        for (PlainNearDuplicates.Task t : tasks()) {
            rows.add(RowFactory.create(t.id(), t.env(), t.heldout(), t.instruction()));
        }
        Dataset<Row> df = spark().createDataFrame(rows, new StructType().add("task_id", DataTypes.StringType)
                .add("env", DataTypes.StringType).add("heldout", DataTypes.BooleanType)
                .add("instruction", DataTypes.StringType));
        Map<String, Bands.Flag> expected = naive(tasks());
        NearDuplicateFilter filter = new NearDuplicateFilter(3, Bands.DEFAULT_BANDS, Bands.DEFAULT_ROWS_PER_BAND, T, 7, 3);
        assertEquals(expected, byId(filter.flagAll(filter.hashed(df), List.of())), "buckets on the driver");
        assertEquals(expected, byId(filter.flags(df)), "buckets through a shuffle");
    }
}
