package org.selfchallenge.spark.dedup;

import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import static org.apache.spark.sql.functions.udf;

/**
 * Near-duplicate instructions with Spark MLlib's MinHash ({@link MinHasher}: MLlib word shingles hashed
 * with {@link org.apache.spark.ml.feature.HashingTF}, then the {@code bands × rows} hash functions of a
 * fitted {@link MinHashLSHModel}), whose values are cut into bands ({@link Bands}); the members of each
 * band bucket are compared exactly ({@link Bands#scan}).
 *
 * <p>The verify pass hashes the tasks it accepts as it writes them ({@link #keptAndSigned}), or
 * {@link #hashed} hashes a table on the executors, and the driver forms the buckets ({@link #flagAll});
 * for rounds too big for the driver, {@link #flags} forms them on the executors with a shuffle.
 * Output: one {@link Bands.Flag} per non-held-out task with a finding: its {@code dupOf} (smallest id of
 * an earlier near-duplicate of the same environment, or null) and {@code heldoutOverlap}.
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

    /** MLlib's hashing with this filter's settings (the MinHash model fitted once per JVM). */
    public MinHasher hasher(SparkSession spark) {
        MinHashLSHModel model = MODELS.computeIfAbsent(List.of(seed, (long) bands * rows), k -> new MinHashLSH()
                .setNumHashTables(bands * rows).setInputCol("features").setOutputCol("hashes").setSeed(seed)
                .fit(oneVector(spark)));
        return new MinHasher(shingleWords, NUM_FEATURES, bands, rows, model);
    }

    /**
     * The verify pass's {@code kept} column, a function of (task_id, env, valid, instruction): {@code valid}
     * as it is, and, as a side effect, each valid task with an instruction hashed into {@code signed}.
     * Nondeterministic, so that the optimizer neither drops nor repeats it; not registered for SQL, as its
     * side effect belongs to one pass.
     */
    public UserDefinedFunction keptAndSigned(SparkSession spark, SignedTasks signed) {
        MinHasher h = hasher(spark);
        return udf((UDF4<String, String, Boolean, String, Boolean>) (id, env, valid, instruction) -> {
            if (valid && instruction != null) {
                Bands.Signed s = h.sign(id, env, false, instruction);
                if (s != null) {
                    signed.add(s);
                }
            }
            return valid;
        }, DataTypes.BooleanType).asNondeterministic().asNonNullable();
    }

    /**
     * Flags of {@code tasks} (columns task_id, env, heldout, instruction), hashed on the executors, with the
     * buckets formed through a Spark shuffle: for rounds of any size.
     */
    public List<Bands.Flag> flags(Dataset<Row> tasks) {
        MinHasher h = hasher(tasks.sparkSession());
        double t = threshold;
        return tasks.select("task_id", "env", "heldout", "instruction").javaRDD()
                .flatMapToPair(row -> {
                    Bands.Signed s = sign(h, row);
                    List<Tuple2<Long, Bands.Member>> keyed = new ArrayList<>();
                    if (s != null) {
                        for (long k : s.keys) {
                            keyed.add(new Tuple2<>(k, s.member));
                        }
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

    /** Every task of {@code tasks} (columns task_id, env, heldout, instruction) with a word, hashed on the executors. */
    public List<Bands.Signed> hashed(Dataset<Row> tasks) {
        MinHasher h = hasher(tasks.sparkSession());
        return tasks.select("task_id", "env", "heldout", "instruction").javaRDD()
                .map(row -> sign(h, row)).filter(Objects::nonNull).collect();
    }

    /** Flags of the hashed {@code tasks}, {@code heldout} (hashed held-out tasks) joining the buckets as they are. */
    public List<Bands.Flag> flagAll(List<Bands.Signed> tasks, List<Bands.Signed> heldout) {
        List<Bands.Signed> all = new ArrayList<>(tasks);
        all.addAll(heldout);
        return Bands.flagAll(all, threshold);
    }

    /** The parameters the band keys of this filter depend on. */
    public HeldoutSignatures.Params params() {
        return new HeldoutSignatures.Params(shingleWords, NUM_FEATURES, bands, rows, seed);
    }

    /**
     * What {@link MinHashLSH#fit} needs: the vector size. Its hash functions depend only on the seed and
     * their number, and fitting on the real features would run a Spark job (fit reads a first row).
     */
    private static Dataset<Row> oneVector(SparkSession spark) {
        Row one = RowFactory.create(Vectors.sparse(NUM_FEATURES, new int[]{0}, new double[]{1}));
        return spark.createDataFrame(List.of(one),
                new StructType().add("features", new VectorUDT(), false));
    }

    /** A row (task_id, env, heldout, instruction) hashed, or null when it has no instruction or no word. */
    private static Bands.Signed sign(MinHasher h, Row row) {
        return row.isNullAt(3) ? null : h.sign(row.getString(0), row.getString(1), row.getBoolean(2), row.getString(3));
    }
}
