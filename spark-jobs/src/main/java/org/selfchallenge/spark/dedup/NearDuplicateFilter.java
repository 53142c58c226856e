package org.selfchallenge.spark.dedup;

import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

/**
 * Near-duplicate instructions with Spark MLlib: {@link RegexTokenizer} (lower-cased {@code \W+} words) →
 * {@link NGram} word shingles (words alone for texts shorter than a shingle) → binary {@link HashingTF}
 * → {@link MinHashLSH} with {@code bands × rows} hash functions, whose values are cut into bands
 * ({@link Bands}); the members of each band bucket are compared exactly ({@link Bands#scan}).
 *
 * <p>Input columns: task_id, env, heldout (boolean), instruction. Output: one {@link Bands.Flag} per
 * non-held-out task with a finding: its {@code dupOf} (smallest id of an earlier near-duplicate of the same
 * environment, or null) and {@code heldoutOverlap}.
 */
public final class NearDuplicateFilter {
    /** Hashed shingle space: 2^18 ids keeps accidental shingle collisions negligible for short texts. */
    public static final int NUM_FEATURES = 1 << 18;
    /**
     * Fitted models by (seed, number of hash functions): a model is nothing but the hash functions its seed
     * draws, the same in every round, and fitting one plans a query (~15 ms of a stage's driver time).
     */
    private static final Map<List<Long>, MinHashLSHModel> MODELS = new ConcurrentHashMap<>();
    private final int shingleWords;
    private final int bands;
    private final int rows;
    private final double threshold;
    private final long seed;
    private final int partitions;

    public NearDuplicateFilter(int shingleWords, int bands, int rows, double threshold, long seed, int partitions) {
        this.shingleWords = shingleWords;
        this.bands = bands;
        this.rows = rows;
        this.threshold = threshold;
        this.seed = seed;
        this.partitions = partitions;
    }

    /**
     * Flags of {@code tasks}. Shingling and MinHash run on the executors either way; the band buckets
     * are then formed on the driver ({@code onDriver}: one collect of ids, shingle ids and band keys, no
     * shuffle; for up to a few million tasks) or with a Spark shuffle (any size).
     */
    public List<Bands.Flag> flags(Dataset<Row> tasks, boolean onDriver) {
        if (onDriver) {
            return onDriver(tasks, List.of()).flags();
        }
        int r = rows;
        int b = bands;
        double t = threshold;
        return signatures(tasks).javaRDD()
                .flatMapToPair(row -> {
                    Bands.Signed s = signed(row, b, r);
                    List<Tuple2<Long, Bands.Member>> keyed = new ArrayList<>(s.keys.length);
                    for (long k : s.keys) {
                        keyed.add(new Tuple2<>(k, s.member));
                    }
                    return keyed.iterator();
                })
                .groupByKey(partitions)
                .flatMap(bucket -> {
                    List<Bands.Member> ms = new ArrayList<>();
                    bucket._2().forEach(ms::add);
                    return ms.size() < 2 ? List.<Bands.Flag>of().iterator() : Bands.scan(ms, t).iterator();
                })
                .mapToPair(f -> new Tuple2<>(f.id(), f))
                .reduceByKey(Bands.Flag::merge, partitions)
                .values()
                .collect();
    }

    /** The driver path's findings: the flags, and every task of the input with its band keys. */
    public record Found(List<Bands.Flag> flags, List<Bands.Signed> hashed) {
    }

    /**
     * Flags of {@code tasks} with the buckets formed on the driver, {@code heldout} (already hashed held-out
     * members, {@link HeldoutSignatures}) joining the buckets as they are.
     */
    public Found onDriver(Dataset<Row> tasks, List<Bands.Signed> heldout) {
        // The hashed rows come back as they are and are cut into bands here: an RDD map would cost a
        // closure cleaning, a deserialising plan and a serialised result per row for work the driver
        // does in microseconds.
        List<Bands.Signed> hashed = new ArrayList<>();
        for (Row row : signatures(tasks).collectAsList()) {
            hashed.add(signed(row, bands, rows));
        }
        List<Bands.Signed> all = new ArrayList<>(hashed);
        all.addAll(heldout);
        return new Found(Bands.flagAll(all, threshold), hashed);
    }

    /** The parameters the band keys of this filter depend on. */
    public HeldoutSignatures.Params params() {
        return new HeldoutSignatures.Params(shingleWords, NUM_FEATURES, bands, rows, seed);
    }

    /**
     * What {@link MinHashLSH#fit} needs: the vector size. Its hash functions depend only on the seed and
     * their number, and fitting on the real features would run a Spark job (fit reads a first row) that
     * recomputes the whole shingling pipeline.
     */
    private static Dataset<Row> oneVector(SparkSession spark) {
        Row one = RowFactory.create(Vectors.sparse(NUM_FEATURES, new int[]{0}, new double[]{1}));
        return spark.createDataFrame(List.of(one),
                new StructType().add("features", new VectorUDT(), false));
    }

    /**
     * Every task with a shingle, hashed (MLlib shingling + MinHashLSH): columns task_id, env, heldout,
     * features (the binary shingle vector), hashes (the {@code bands × rows} MinHash values).
     */
    Dataset<Row> signatures(Dataset<Row> tasks) {
        Dataset<Row> words = new RegexTokenizer().setInputCol("instruction").setOutputCol("words")
                .setPattern("\\W+").setToLowercase(true).transform(tasks);
        Dataset<Row> shingles = new NGram().setN(shingleWords).setInputCol("words").setOutputCol("grams")
                .transform(words)
                .withColumn("shingles", when(size(col("grams")).equalTo(0), col("words")).otherwise(col("grams")))
                .filter(size(col("shingles")).gt(0));
        Dataset<Row> feats = new HashingTF().setInputCol("shingles").setOutputCol("features").setBinary(true)
                .setNumFeatures(NUM_FEATURES).transform(shingles);
        MinHashLSHModel model = MODELS.computeIfAbsent(List.of(seed, (long) bands * rows), k -> new MinHashLSH()
                .setNumHashTables(bands * rows).setInputCol("features").setOutputCol("hashes").setSeed(seed)
                .fit(oneVector(tasks.sparkSession())));
        return model.transform(feats).select("task_id", "env", "heldout", "features", "hashes");
    }

    /** A hashed row of {@link #signatures} as a bucket member with its band keys. */
    static Bands.Signed signed(Row row, int bands, int rows) {
        List<Vector> hs = row.getList(4);
        long[] sig = new long[hs.size()];
        for (int i = 0; i < sig.length; i++) {
            sig[i] = (long) hs.get(i).apply(0); // MLlib's hash values are integers held as doubles
        }
        Bands.Member m = new Bands.Member(row.getString(0), row.getString(1), row.getBoolean(2),
                ((Vector) row.get(3)).toSparse().indices());
        return new Bands.Signed(m, Bands.keys(m.env, sig, bands, rows));
    }
}
