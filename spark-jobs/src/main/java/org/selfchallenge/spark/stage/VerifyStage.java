package org.selfchallenge.spark.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.selfchallenge.spark.Progress;
import org.selfchallenge.spark.StageCommitter;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.dedup.Bands;
import org.selfchallenge.spark.dedup.NearDuplicateFilter;
import org.selfchallenge.udf.CatVerification;
import org.selfchallenge.udf.VerifyCat;
import scala.Option;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

/**
 * Verify: every raw task through the {@code verify_cat} SQL function (the real parser + sandboxed
 * three-check verifier), then a near-duplicate filter on instructions ({@link NearDuplicateFilter}:
 * MLlib MinHashLSH over word shingles, banded; Jaccard ≥ {@code verify.dedup.jaccard-threshold}: the task
 * with the smallest id is kept), and, in training rounds, removal of tasks that are near-duplicates of
 * held-out tasks.
 * Outputs {@code tasks_verified} (every task with its verdict and {@code filter_reason}; {@code kept}
 * marks the tasks solve uses) and {@code filter_report} (count and share per environment and reason).
 */
public final class VerifyStage implements Stage {
    public static final String NAME = "verify";
    public static final String OUTPUT = "tasks_verified";
    public static final String REPORT = "filter_report";
    public static final String NEAR_DUPLICATE = "NEAR_DUPLICATE";
    public static final String HELDOUT_OVERLAP = "HELDOUT_OVERLAP";
    public static final String KEPT = "KEPT";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Spark SQL's suggested minimum number of file-scan splits. */
    private static final String MIN_SPLITS = "spark.sql.files.minPartitionNum";
    /** {@code filter_report}: per environment and filter reason, rows sorted by (env, filter_reason). */
    static final StructType REPORT_SCHEMA = new StructType()
            .add("env", DataTypes.StringType, true)
            .add("filter_reason", DataTypes.StringType, true)
            .add("count", DataTypes.LongType, false)
            .add("generated", DataTypes.LongType, false)
            .add("share", DataTypes.DoubleType, true)
            .add("round", DataTypes.IntegerType, false);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> run(StageContext ctx, Path tmp) {
        // The raw table is read in at least verify.partitions splits (files are not packed together
        // then), so verification spreads over the executors without shuffling the task texts.
        RuntimeConfig conf = ctx.spark().conf();
        Option<String> before = conf.getOption(MIN_SPLITS);
        conf.set(MIN_SPLITS, ctx.cfg().verifyPartitions);
        try {
            return verify(ctx, tmp);
        } finally {
            if (before.isDefined()) {
                conf.set(MIN_SPLITS, before.get());
            } else {
                conf.unset(MIN_SPLITS);
            }
        }
    }

    private Map<String, Object> verify(StageContext ctx, Path tmp) {
        SparkSession spark = ctx.spark();
        PipelineConfig cfg = ctx.cfg();
        Dataset<Row> raw = spark.read().parquet(new Path(ctx.stageDir(ChallengeStage.NAME), ChallengeStage.OUTPUT).toString());
        // Fewer files than partitions: a shuffle spreads them, and a sort keeps the row order fixed.
        Dataset<Row> input = raw.javaRDD().getNumPartitions() >= cfg.verifyPartitions ? raw
                : raw.repartition(cfg.verifyPartitions, col("taskId")).sortWithinPartitions("taskId");
        long total = generated(ctx, raw);
        Dataset<Row> verdicts;
        try (Progress.Tracker t = ctx.progress().track(spark.sparkContext(), "round " + ctx.round() + " verify",
                total, "tasks")) {
            VerifyCat.register(spark, new CatVerification.Settings(cfg.minFailureCases, cfg.verifyTimeoutMs,
                    cfg.sandboxWorkers), t.accumulator());
            verdicts = input
                    .withColumn("v", callUDF(VerifyCat.NAME, col("env"), col("text")))
                    .select(col("taskId").as("task_id"), col("env"), col("round"), col("seed"),
                            col("challengerId").as("challenger_id"), col("v.*"))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            verdicts.count();
        }
        // The flags are few (near-duplicates only) and sit on the driver: a broadcast join keeps the
        // verdicts' partitions and row order, so the table is written without a shuffle or a sort.
        Dataset<Row> flags = broadcast(duplicateFlags(ctx, verdicts, total));
        Dataset<Row> out = verdicts.join(flags, verdicts.col("task_id").equalTo(flags.col("f_task_id")), "left")
                .drop("f_task_id")
                .withColumn("filter_reason",
                        when(not(col("valid")), col("reason"))
                                .when(coalesce(col("heldout_overlap"), lit(false)), lit(HELDOUT_OVERLAP))
                                .when(col("dup_of").isNotNull(), lit(NEAR_DUPLICATE))
                                .otherwise(lit(KEPT)))
                .withColumn("heldout_overlap", coalesce(col("heldout_overlap"), lit(false)))
                .withColumn("kept", col("filter_reason").equalTo(lit(KEPT)));
        // One file per partition, rows in input order: deterministic without a global sort (whose range
        // partitioning costs a sampling job and a shuffle).
        out.write().parquet(new Path(tmp, OUTPUT).toString());
        // Every number after the table comes from one small aggregate (one Spark job over the cached
        // verdicts): the filter report and the stage metrics are derived from it on the driver instead
        // of each being its own join/count job (every Spark job costs a fixed scheduling overhead).
        List<Row> agg = out.groupBy("env", "filter_reason", "valid").agg(count(lit(1)).as("n")).collectAsList();
        verdicts.unpersist();
        Map<String, Long> generated = new TreeMap<>();
        Map<List<String>, Long> perReason = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        Map<String, Long> reasons = new TreeMap<>();
        long valid = 0;
        for (Row r : agg) {
            long n = r.getLong(3);
            generated.merge(r.getString(0), n, Long::sum);
            perReason.merge(List.of(r.getString(0), r.getString(1)), n, Long::sum);
            reasons.merge(r.getString(1), n, Long::sum);
            valid += r.getBoolean(2) ? n : 0;
        }
        List<Row> report = new ArrayList<>();
        for (var e : perReason.entrySet()) {
            long gen = generated.get(e.getKey().get(0));
            report.add(RowFactory.create(e.getKey().get(0), e.getKey().get(1), e.getValue(), gen,
                    (double) e.getValue() / gen, ctx.round()));
        }
        spark.createDataFrame(report, REPORT_SCHEMA).coalesce(1).write().parquet(new Path(tmp, REPORT).toString());

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tasks_generated", total);
        m.put("tasks_valid", valid);
        m.put("tasks_verified", reasons.getOrDefault(KEPT, 0L));
        m.put("reasons", reasons);
        m.put("verify_yield", total == 0 ? 0.0 : (double) reasons.getOrDefault(KEPT, 0L) / total);
        return m;
    }

    /** Raw task count: the challenge stage's own metric when committed (no Spark job), else a count. */
    private static long generated(StageContext ctx, Dataset<Row> raw) {
        try {
            JsonNode n = JSON.readTree(new StageCommitter(ctx.fs()).readStageJson(ctx.stageDir(ChallengeStage.NAME)))
                    .get("tasks_generated");
            if (n != null && n.canConvertToLong()) {
                return n.asLong();
            }
        } catch (IOException | RuntimeException e) {
            // not committed through the pipeline (a test's hand-made input): count instead
        }
        return raw.count();
    }

    /**
     * For each valid task: {@code dup_of} = smallest id of a near-duplicate valid task of the same
     * environment with a smaller id (null if none), {@code heldout_overlap} = near-duplicate of a
     * kept held-out task (training rounds only).
     */
    private Dataset<Row> duplicateFlags(StageContext ctx, Dataset<Row> verdicts, long total) {
        PipelineConfig cfg = ctx.cfg();
        SparkSession spark = ctx.spark();
        if (!cfg.dedupEnabled) {
            return spark.createDataFrame(List.of(), NearDuplicateFilter.SCHEMA);
        }
        Dataset<Row> cand = verdicts.filter("valid AND instruction IS NOT NULL")
                .select(col("task_id"), col("env"), col("instruction"), lit(false).as("heldout"));
        if (ctx.round() > 0) {
            Path held = new Path(ctx.layout().stage(0, NAME), OUTPUT);
            Dataset<Row> h = spark.read().parquet(held.toString()).filter("kept")
                    .select(col("task_id"), col("env"), col("instruction"), lit(true).as("heldout"));
            cand = cand.unionByName(h);
        }
        List<Bands.Flag> flags = new NearDuplicateFilter(cfg.dedupShingleWords, cfg.dedupBands, cfg.dedupRowsPerBand,
                cfg.dedupJaccard, cfg.seed, cfg.verifyPartitions).flags(cand, total <= cfg.dedupDriverMaxTasks);
        return spark.createDataFrame(NearDuplicateFilter.rows(flags), NearDuplicateFilter.SCHEMA);
    }
}
