package org.selfchallenge.spark.stage;

import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.selfchallenge.spark.Progress;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.udf.CatVerification;
import org.selfchallenge.udf.VerifyCat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

/**
 * Verify: every raw task through the {@code verify_cat} SQL function (the real parser + sandboxed
 * three-check verifier), then a near-duplicate filter on instructions with MLlib {@link MinHashLSH}
 * over word shingles (Jaccard ≥ {@code verify.dedup.jaccard-threshold}: the task with the smallest id
 * is kept), and, in training rounds, removal of tasks that are near-duplicates of held-out tasks.
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
    private static final int HASH_FEATURES = 1 << 18;
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
        SparkSession spark = ctx.spark();
        PipelineConfig cfg = ctx.cfg();
        Dataset<Row> raw = spark.read().parquet(new Path(ctx.stageDir(ChallengeStage.NAME), ChallengeStage.OUTPUT).toString());
        long total = raw.count();
        Dataset<Row> verdicts;
        try (Progress.Tracker t = ctx.progress().track(spark.sparkContext(), "round " + ctx.round() + " verify",
                total, "tasks")) {
            VerifyCat.register(spark, new CatVerification.Settings(cfg.minFailureCases, cfg.verifyTimeoutMs,
                    cfg.sandboxWorkers), t.accumulator());
            verdicts = raw.repartition(cfg.verifyPartitions, col("taskId"))
                    .withColumn("v", callUDF(VerifyCat.NAME, col("env"), col("text")))
                    .select(col("taskId").as("task_id"), col("env"), col("round"), col("seed"),
                            col("challengerId").as("challenger_id"), col("v.*"))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            verdicts.count();
        }
        Dataset<Row> flags = duplicateFlags(ctx, verdicts);
        Dataset<Row> out = verdicts.join(flags, verdicts.col("task_id").equalTo(flags.col("f_task_id")), "left")
                .drop("f_task_id")
                .withColumn("filter_reason",
                        when(not(col("valid")), col("reason"))
                                .when(coalesce(col("heldout_overlap"), lit(false)), lit(HELDOUT_OVERLAP))
                                .when(col("dup_of").isNotNull(), lit(NEAR_DUPLICATE))
                                .otherwise(lit(KEPT)))
                .withColumn("heldout_overlap", coalesce(col("heldout_overlap"), lit(false)))
                .withColumn("kept", col("filter_reason").equalTo(lit(KEPT)))
                .orderBy("task_id");
        out.write().parquet(new Path(tmp, OUTPUT).toString());
        // Every number after the table comes from one small aggregate of the written table (one Spark
        // job): the filter report and the stage metrics are derived from it on the driver instead of
        // each being its own join/sort/count job (every Spark job costs a fixed scheduling overhead).
        List<Row> agg = spark.read().parquet(new Path(tmp, OUTPUT).toString())
                .groupBy("env", "filter_reason", "valid").agg(count(lit(1)).as("n")).collectAsList();
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

    /**
     * For each valid task: {@code dup_of} = smallest id of a near-duplicate valid task of the same
     * environment with a smaller id (null if none), {@code heldout_overlap} = near-duplicate of a
     * kept held-out task (training rounds only).
     */
    private Dataset<Row> duplicateFlags(StageContext ctx, Dataset<Row> verdicts) {
        PipelineConfig cfg = ctx.cfg();
        SparkSession spark = ctx.spark();
        Dataset<Row> cand = verdicts.filter("valid AND instruction IS NOT NULL")
                .select(col("task_id"), col("env"), col("instruction"), lit(false).as("heldout"));
        if (ctx.round() > 0) {
            Path held = new Path(ctx.layout().stage(0, NAME), OUTPUT);
            Dataset<Row> h = spark.read().parquet(held.toString()).filter("kept")
                    .select(col("task_id"), col("env"), col("instruction"), lit(true).as("heldout"));
            cand = cand.unionByName(h);
        }
        Dataset<Row> empty = spark.createDataFrame(List.of(), new org.apache.spark.sql.types.StructType()
                .add("f_task_id", "string").add("dup_of", "string").add("heldout_overlap", "boolean"));
        if (!cfg.dedupEnabled) {
            return empty;
        }
        Dataset<Row> words = new RegexTokenizer().setInputCol("instruction").setOutputCol("words")
                .setPattern("\\W+").setToLowercase(true).transform(cand);
        // Instructions shorter than a shingle hash their words alone, so short texts still compare.
        Dataset<Row> grams = new NGram().setN(cfg.dedupShingleWords).setInputCol("words").setOutputCol("grams")
                .transform(words)
                .withColumn("shingles", when(size(col("grams")).equalTo(0), col("words")).otherwise(col("grams")))
                .filter(size(col("shingles")).gt(0));
        Dataset<Row> feats = new HashingTF().setInputCol("shingles").setOutputCol("features")
                .setBinary(true).setNumFeatures(HASH_FEATURES).transform(grams)
                .select("task_id", "env", "heldout", "features").persist(StorageLevel.MEMORY_AND_DISK());
        if (feats.isEmpty()) {
            feats.unpersist();
            return empty;
        }
        MinHashLSHModel model = new MinHashLSH().setNumHashTables(cfg.dedupHashTables).setInputCol("features")
                .setOutputCol("hashes").setSeed(cfg.seed).fit(feats);
        // approxSimilarityJoin keeps pairs with distance < threshold; Jaccard ≥ t  ⇔  distance ≤ 1 − t.
        double threshold = 1.0 - cfg.dedupJaccard + 1e-9;
        Dataset<Row> pairs = model.approxSimilarityJoin(feats, feats, threshold, "dist")
                .select(col("datasetA.task_id").as("a"), col("datasetA.env").as("env_a"),
                        col("datasetA.heldout").as("a_held"),
                        col("datasetB.task_id").as("b"), col("datasetB.env").as("env_b"),
                        col("datasetB.heldout").as("b_held"))
                .filter("env_a = env_b AND NOT a_held AND a <> b AND (b_held OR b < a)");
        Dataset<Row> flags = pairs.groupBy("a").agg(
                        min(when(not(col("b_held")), col("b"))).as("dup_of"),
                        max(col("b_held")).as("heldout_overlap"))
                .withColumnRenamed("a", "f_task_id");
        Dataset<Row> result = flags.localCheckpoint();
        feats.unpersist();
        return result;
    }
}
