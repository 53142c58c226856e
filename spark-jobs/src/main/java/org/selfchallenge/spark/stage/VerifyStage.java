package org.selfchallenge.spark.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.selfchallenge.cat.Reason;
import org.selfchallenge.spark.Progress;
import org.selfchallenge.spark.StageCommitter;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.dedup.Bands;
import org.selfchallenge.spark.dedup.HeldoutSignatures;
import org.selfchallenge.spark.dedup.NearDuplicateFilter;
import org.selfchallenge.spark.dedup.SignedTasks;
import org.selfchallenge.spark.io.DriverTable;
import org.selfchallenge.spark.io.RawTaskRow;
import org.selfchallenge.udf.CatVerification;
import org.selfchallenge.udf.VerdictCounts;
import org.selfchallenge.udf.VerifyCat;
import scala.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

/**
 * Verify: every raw task through the {@code verify_cat} SQL function (the real parser + sandboxed
 * three-check verifier), then a near-duplicate filter on instructions ({@link NearDuplicateFilter}:
 * MLlib MinHashLSH over word shingles, banded; Jaccard ≥ {@code verify.dedup.jaccard-threshold}: the task
 * with the smallest id is kept), and, in training rounds, removal of tasks that are near-duplicates of
 * held-out tasks.
 * Outputs {@code tasks_verified} (every task with its verdict and {@code filter_reason}; {@code kept}
 * marks the tasks solve uses) and {@code filter_report} (count and share per environment and reason,
 * from the verdict counts the driver holds, written by the driver: {@link DriverTable}).
 */
public final class VerifyStage implements Stage {
    public static final String NAME = "verify";
    public static final String OUTPUT = "tasks_verified";
    public static final String REPORT = "filter_report";
    public static final String NEAR_DUPLICATE = "NEAR_DUPLICATE";
    public static final String HELDOUT_OVERLAP = "HELDOUT_OVERLAP";
    public static final String KEPT = "KEPT";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The verify pass's split of its output: one directory per value, {@value #VALID} or {@value #REJECTED}. */
    private static final String VERDICT = "verdict";
    private static final String VALID = "valid";
    private static final String REJECTED = "rejected";
    /**
     * The verdict columns whose values are (nearly) all distinct, Parquet column paths: the whole texts (the
     * task's parts, error details), the task id and the run time. Written without dictionary encoding: a
     * dictionary of distinct values only costs hashing and comparing them until Parquet gives up on it
     * (it did so in every file of a round; for the texts ~0.5 s of a 60k-task pass on 2 cores).
     */
    static final List<String> UNIQUE_COLUMNS = List.of("task_id", "detail", "instruction", "evaluation", "solution",
            "failure_cases.list.element", "duration_ms");
    /** Spark SQL's file-scan split settings. */
    private static final String OPEN_COST = "spark.sql.files.openCostInBytes";
    private static final String MAX_SPLIT_BYTES = "spark.sql.files.maxPartitionBytes";
    /** The columns of {@code tasks_verified} an episode needs, with {@code kept}: see {@link #keptTasks}. */
    private static final StructType EPISODE_COLUMNS = new StructType().add("task_id", DataTypes.StringType)
            .add("env", DataTypes.StringType).add("instruction", DataTypes.StringType)
            .add("evaluation", DataTypes.StringType).add("solution", DataTypes.StringType)
            .add("kept", DataTypes.BooleanType);
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
        try {
            return verify(ctx, tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> verify(StageContext ctx, Path tmp) throws IOException {
        SparkSession spark = ctx.spark();
        PipelineConfig cfg = ctx.cfg();
        Path table = new Path(tmp, OUTPUT);
        Path split = new Path(tmp, "_verdicts");
        VerdictCounts counts = new VerdictCounts();
        spark.sparkContext().register(counts, "round " + ctx.round() + " verdicts");
        // One split per tasks_raw file (big files still cut at maxPartitionBytes): the challenge stage
        // writes files of equal task counts, while Spark's default packing by bytes can put two files in
        // one split and leave another empty, so one core verified half the tasks alone. Only for this
        // pass: the small files read afterwards are better packed together.
        RuntimeConfig conf = spark.conf();
        Option<String> before = conf.getOption(OPEN_COST);
        conf.set(OPEN_COST, conf.get(MAX_SPLIT_BYTES));
        long total;
        StructType schema;
        SignedTasks signed = null; // the accepted tasks hashed by the pass, when the driver forms the buckets
        try {
            // The challenge stage writes RawTaskRow beans: their schema spares a footer-reading job.
            Dataset<Row> raw = spark.read().schema(Encoders.bean(RawTaskRow.class).schema()).parquet(
                    new Path(ctx.stageDir(ChallengeStage.NAME), ChallengeStage.OUTPUT).toString());
            total = generated(ctx, raw);
            if (cfg.dedupEnabled && total <= cfg.dedupDriverMaxTasks) {
                // Unnamed: Spark copies a named accumulator's value into every task's UI record.
                signed = new SignedTasks();
                spark.sparkContext().register(signed);
            }
            schema = verifyPass(ctx, raw, total, counts, signed, split);
        } finally {
            if (before.isDefined()) {
                conf.set(OPEN_COST, before.get());
            } else {
                conf.unset(OPEN_COST);
            }
        }
        // tasks_verified is one flat directory (a partitioned one could not be read across rounds with a
        // glob): the files are moved up, named by their verdict.
        FileSystem fs = ctx.fs();
        fs.mkdirs(table);
        int files = moveFiles(fs, new Path(split, VERDICT + "=" + REJECTED), table, REJECTED + "-");
        Path validPart = new Path(split, VERDICT + "=" + VALID);
        List<Bands.Flag> flags = List.of();
        if (fs.exists(validPart)) {
            // The schema is known: given, it spares Spark a job that reads it from a file footer.
            Dataset<Row> valid = spark.read().schema(schema).parquet(validPart.toString());
            flags = duplicateFlags(ctx, valid, signed, tmp);
            if (!flags.isEmpty()) {
                Path flagged = new Path(tmp, "_flagged");
                withoutUniqueDictionaries(withFlags(valid, flags).write()).parquet(flagged.toString());
                validPart = flagged;
            }
            files += moveFiles(fs, validPart, table, VALID + "-");
        }
        if (files == 0) { // no tasks at all: one empty file carries the schema
            Path empty = new Path(tmp, "_empty");
            spark.createDataFrame(List.of(), schema).coalesce(1).write().parquet(empty.toString());
            moveFiles(fs, empty, table, "");
        }
        for (String d : List.of("_verdicts", "_flagged", "_empty")) {
            fs.delete(new Path(tmp, d), true);
        }
        Map<VerdictCounts.Key, Long> verdictCounts = counts.value();
        Map<VerdictCounts.Key, Long> perReason = filterCounts(verdictCounts, flags);
        Map<String, Long> generated = new HashMap<>();
        Map<String, Long> reasons = new TreeMap<>();
        perReason.forEach((k, n) -> {
            generated.merge(k.env(), n, Long::sum);
            reasons.merge(k.reason(), n, Long::sum);
        });
        List<Row> report = new ArrayList<>();
        perReason.forEach((k, n) -> report.add(RowFactory.create(k.env(), k.reason(), n, generated.get(k.env()),
                (double) n / generated.get(k.env()), ctx.round())));
        DriverTable.write(spark.sparkContext().hadoopConfiguration(), new Path(tmp, REPORT), REPORT_SCHEMA, report);

        long kept = reasons.getOrDefault(KEPT, 0L);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tasks_generated", total);
        m.put("tasks_valid", verdictCounts.entrySet().stream()
                .filter(e -> e.getKey().reason().equals(Reason.VALID.name())).mapToLong(Map.Entry::getValue).sum());
        m.put("tasks_verified", kept);
        m.put("reasons", reasons);
        m.put("verify_yield", total == 0 ? 0.0 : (double) kept / total);
        return m;
    }

    /**
     * The one pass over the tasks: every verdict is written once, under {@code split} in one directory per
     * verdict. Rejected rows are final as written; only the valid ones (~5% of model-written tasks) are
     * rewritten with the near-duplicate filter's flags. The verdicts are neither cached nor re-read for the
     * report or the filter: verify_cat counts them into {@code counts} as it goes, and the valid ones are
     * hashed into {@code signed} as they are written (when not null).
     *
     * @return the schema of the written rows
     */
    private static StructType verifyPass(StageContext ctx, Dataset<Row> raw, long total, VerdictCounts counts,
                                         SignedTasks signed, Path split) throws IOException {
        SparkSession spark = ctx.spark();
        PipelineConfig cfg = ctx.cfg();
        // Fewer files than partitions: a shuffle spreads them, and a sort keeps the row order fixed.
        Dataset<Row> input = splits(ctx) >= cfg.verifyPartitions ? raw
                : raw.repartition(cfg.verifyPartitions, col("taskId")).sortWithinPartitions("taskId");
        try (Progress.Tracker t = ctx.progress().track(spark.sparkContext(), "round " + ctx.round() + " verify",
                total, "tasks")) {
            VerifyCat.register(spark, new CatVerification.Settings(cfg.minFailureCases, cfg.verifyTimeoutMs,
                    cfg.sandboxWorkers), t.accumulator(), counts);
            Dataset<Row> verdicts = input.withColumn("v", callUDF(VerifyCat.NAME, col("env"), col("text")))
                    .select(col("taskId").as("task_id"), col("env"), col("round"), col("seed"),
                            col("challengerId").as("challenger_id"), col("v.*"))
                    .withColumn("dup_of", lit(null).cast(DataTypes.StringType))
                    .withColumn("heldout_overlap", lit(false))
                    .withColumn("filter_reason", when(col("valid"), lit(KEPT)).otherwise(col("reason")))
                    .withColumn("kept", signed == null ? col("valid") : nearDuplicates(cfg).keptAndSigned(spark, signed)
                            .apply(col("task_id"), col("env"), col("valid"), col("instruction")))
                    .withColumn(VERDICT, when(col("valid"), lit(VALID)).otherwise(lit(REJECTED)));
            withoutUniqueDictionaries(verdicts.write()).partitionBy(VERDICT).parquet(split.toString());
            return verdicts.drop(VERDICT).schema();
        }
    }

    /**
     * The read splits of {@code tasks_raw} under this pass's settings (open cost = max split size): one per
     * file, more for a file over {@code spark.sql.files.maxPartitionBytes}. Counted from the listing: asking
     * the Dataset for its partitions plans the scan once more (~20 ms on 2 cores).
     */
    private static int splits(StageContext ctx) throws IOException {
        long max = JavaUtils.byteStringAsBytes(ctx.spark().conf().get(MAX_SPLIT_BYTES));
        int n = 0;
        for (FileStatus f : ctx.fs().listStatus(new Path(ctx.stageDir(ChallengeStage.NAME), ChallengeStage.OUTPUT),
                p -> p.getName().endsWith(".parquet"))) {
            n += (int) Math.max(1, (f.getLen() + max - 1) / max);
        }
        return n;
    }

    /**
     * Task counts per (environment, filter reason), sorted: a rejected task counts under its verifier
     * reason; a valid one under {@value #HELDOUT_OVERLAP}, else {@value #NEAR_DUPLICATE} when flagged,
     * else {@value #KEPT}.
     *
     * @param verdicts verifier verdicts per (environment, reason code)
     * @param flags    the near-duplicate filter's findings, one per flagged valid task
     */
    static Map<VerdictCounts.Key, Long> filterCounts(Map<VerdictCounts.Key, Long> verdicts, List<Bands.Flag> flags) {
        Map<VerdictCounts.Key, Long> out = new TreeMap<>(Comparator.comparing(VerdictCounts.Key::env,
                Comparator.nullsFirst(Comparator.<String>naturalOrder())).thenComparing(VerdictCounts.Key::reason));
        verdicts.forEach((k, n) -> out.merge(k.reason().equals(Reason.VALID.name())
                ? new VerdictCounts.Key(k.env(), KEPT) : k, n, Long::sum));
        for (Bands.Flag f : flags) {
            out.merge(new VerdictCounts.Key(f.env(), KEPT), -1L, Long::sum);
            out.merge(new VerdictCounts.Key(f.env(), f.heldoutOverlap() ? HELDOUT_OVERLAP : NEAR_DUPLICATE), 1L,
                    Long::sum);
        }
        out.values().removeIf(n -> n == 0);
        return out;
    }

    /**
     * The valid part with the near-duplicate findings: {@code dup_of}, {@code heldout_overlap},
     * {@code filter_reason} and {@code kept} set, in place (columns and row order as they were).
     */
    private static Dataset<Row> withFlags(Dataset<Row> valid, List<Bands.Flag> flags) {
        // The flags are few and sit on the driver: looked up from the task closure (Spark ships a stage's
        // closure once per executor), where a join cost planning and a broadcast job of its own.
        Map<String, Bands.Flag> byId = new HashMap<>();
        flags.forEach(f -> byId.put(f.id(), f));
        UserDefinedFunction dupOf = udf((UDF1<String, String>) id -> {
            Bands.Flag f = byId.get(id);
            return f == null ? null : f.dupOf();
        }, DataTypes.StringType);
        UserDefinedFunction overlap = udf((UDF1<String, Boolean>) id -> {
            Bands.Flag f = byId.get(id);
            return f != null && f.heldoutOverlap();
        }, DataTypes.BooleanType).asNonNullable(); // as the rejected rows' column
        return valid.withColumn("dup_of", dupOf.apply(col("task_id")))
                .withColumn("heldout_overlap", overlap.apply(col("task_id")))
                .withColumn("filter_reason", when(col("heldout_overlap"), lit(HELDOUT_OVERLAP))
                        .when(col("dup_of").isNotNull(), lit(NEAR_DUPLICATE))
                        .otherwise(lit(KEPT)))
                .withColumn("kept", col("filter_reason").equalTo(lit(KEPT)));
    }

    /** The writer with Parquet's per-column setting that turns dictionary encoding off for {@link #UNIQUE_COLUMNS}. */
    private static DataFrameWriter<Row> withoutUniqueDictionaries(DataFrameWriter<Row> w) {
        for (String c : UNIQUE_COLUMNS) {
            w = w.option(ParquetOutputFormat.ENABLE_DICTIONARY + "#" + c, false);
        }
        return w;
    }

    /** Moves the Parquet files of a Spark output directory into {@code to}, prefixing their names. */
    private static int moveFiles(FileSystem fs, Path from, Path to, String prefix) throws IOException {
        if (!fs.exists(from)) {
            return 0;
        }
        int n = 0;
        for (FileStatus f : fs.listStatus(from, p -> p.getName().endsWith(".parquet"))) {
            Path dst = new Path(to, prefix + f.getPath().getName());
            if (!fs.rename(f.getPath(), dst)) {
                throw new IOException("could not move " + f.getPath() + " to " + dst);
            }
            n++;
        }
        return n;
    }

    /**
     * The kept tasks of the {@code tasks_verified} table under {@code verifyStageDir}, with the columns an
     * episode needs (task_id, env, instruction, evaluation, solution, kept). Read with a given schema:
     * without one, Spark runs a job to read it from a file footer.
     */
    public static Dataset<Row> keptTasks(SparkSession spark, Path verifyStageDir) {
        return spark.read().schema(EPISODE_COLUMNS).parquet(new Path(verifyStageDir, OUTPUT).toString()).filter("kept");
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

    /** The near-duplicate filter with the run's settings. */
    private static NearDuplicateFilter nearDuplicates(PipelineConfig cfg) {
        return new NearDuplicateFilter(cfg.dedupShingleWords, cfg.dedupBands, cfg.dedupRowsPerBand, cfg.dedupJaccard,
                cfg.seed, cfg.verifyPartitions);
    }

    /**
     * For each valid task: {@code dup_of} = smallest id of a near-duplicate valid task of the same
     * environment with a smaller id (null if none), {@code heldout_overlap} = near-duplicate of a
     * kept held-out task (training rounds only). Only tasks with a finding get a row.
     * With the buckets on the driver ({@code signed}: the valid tasks as the pass hashed them), round 0
     * also leaves its kept tasks' band keys in {@code tmp} ({@link HeldoutSignatures}), and training
     * rounds take the held-out tasks from there when the file matches their dedup settings; otherwise
     * they hash round 0's kept instructions again.
     */
    private List<Bands.Flag> duplicateFlags(StageContext ctx, Dataset<Row> valid, SignedTasks signed, Path tmp)
            throws IOException {
        PipelineConfig cfg = ctx.cfg();
        if (!cfg.dedupEnabled) {
            return List.of();
        }
        NearDuplicateFilter filter = nearDuplicates(cfg);
        Path round0 = ctx.layout().stage(0, NAME);
        if (signed == null) { // too many tasks for the driver: buckets through a shuffle
            Dataset<Row> cand = valid.select(col("task_id"), col("env"), col("instruction"), lit(false).as("heldout"));
            if (ctx.round() > 0) {
                cand = cand.unionByName(heldoutTasks(ctx.spark(), round0));
            }
            return filter.flags(cand);
        }
        List<Bands.Signed> hashed = signed.value();
        if (ctx.round() == 0) {
            List<Bands.Flag> flags = filter.flagAll(hashed, List.of());
            Set<String> flagged = new HashSet<>();
            flags.forEach(f -> flagged.add(f.id()));
            HeldoutSignatures.write(ctx.fs(), new Path(tmp, HeldoutSignatures.FILE), filter.params(),
                    hashed.stream().filter(h -> !flagged.contains(h.id())).toList());
            return flags;
        }
        List<Bands.Signed> held = HeldoutSignatures.read(ctx.fs(), new Path(round0, HeldoutSignatures.FILE),
                filter.params());
        return filter.flagAll(hashed, held != null ? held : filter.hashed(heldoutTasks(ctx.spark(), round0)));
    }

    /**
     * Round 0's kept tasks as held-out filter input. The select prunes the read to three columns, and
     * Parquet's row-group statistics skip the rejected part: kept is false throughout.
     */
    private static Dataset<Row> heldoutTasks(SparkSession spark, Path round0) {
        return keptTasks(spark, round0).select(col("task_id"), col("env"), col("instruction"), lit(true).as("heldout"));
    }
}
