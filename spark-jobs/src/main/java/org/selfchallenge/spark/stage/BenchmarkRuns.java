package org.selfchallenge.spark.stage;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.selfchallenge.agent.ExecutorEpisode;
import org.selfchallenge.agent.SandboxFactory;
import org.selfchallenge.agent.Seeds;
import org.selfchallenge.agent.UserSimulator;
import org.selfchallenge.bench.BenchmarkEvaluator;
import org.selfchallenge.bench.BenchmarkTask;
import org.selfchallenge.bench.BenchmarkTasks;
import org.selfchallenge.bench.PassAtK;
import org.selfchallenge.bench.TaskResult;
import org.selfchallenge.bench.m3.M3Protocol;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.spark.Progress;
import org.selfchallenge.spark.component.Components;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.io.LocalCopies;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The evaluate stage's real-benchmark part ({@code evaluate.benchmarks}): the test tasks of each listed
 * environment (τ-bench retail/airline, M3ToolEval calculation/web; split {@code evaluate.benchmark-split},
 * the first {@code evaluate.benchmark-max-tasks} when &gt; 0) spread over Spark partitions, each
 * partition scoring its tasks with core's {@link BenchmarkEvaluator} and the round's policy
 * ({@link Components#benchmarkAgent}). Sample i of task T is seeded {@code Seeds.episode(seed, T, i)}, so
 * results do not depend on the partitioning. Writes {@code benchmark_results} (Parquet, one row per
 * task) and returns {@code {env: {pass_at_1, pass_at_k, tasks, samples}}} with
 * Pass@1 = mean over tasks of c/n and Pass@k = mean of 1 − C(n−c, k)/C(n, k) ({@link PassAtK}), k = n.
 */
final class BenchmarkRuns {
    static final String OUTPUT = "benchmark_results";
    static final StructType SCHEMA = new StructType()
            .add("env", DataTypes.StringType, false)
            .add("split", DataTypes.StringType, false)
            .add("task_id", DataTypes.StringType, false)
            .add("round", DataTypes.IntegerType, false)
            .add("policy_version", DataTypes.StringType, false)
            .add("samples", DataTypes.IntegerType, false)
            .add("correct", DataTypes.IntegerType, false)
            .add("pass_at_1", DataTypes.DoubleType, false)
            .add("pass_at_k", DataTypes.DoubleType, false)
            .add("rewards", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("outcomes", DataTypes.createArrayType(DataTypes.StringType, true), false)
            .add("seeds", DataTypes.createArrayType(DataTypes.LongType, false), false);

    private BenchmarkRuns() {
    }

    /** One planned benchmark task (crosses Spark's Kryo through KryoRecords). */
    record Item(String env, int index) implements Serializable {
    }

    static Map<String, Object> run(StageContext ctx, Path tmp, String policyUri, String version) {
        PipelineConfig cfg = ctx.cfg();
        List<Item> items = new ArrayList<>();
        for (String env : cfg.benchmarks) {
            int n = tasks(env, cfg).size();
            for (int i = 0; i < n; i++) {
                items.add(new Item(env, i));
            }
        }
        SparkSession spark = ctx.spark();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SerializableConfiguration hadoop = new SerializableConfiguration(jsc.hadoopConfiguration());
        int round = ctx.round();
        long seed = Seeds.named(cfg.seed, "benchmark");
        int parts = Math.max(1, Math.min(cfg.solvePartitions, items.size()));
        List<Row> rows;
        try (Progress.Tracker t = ctx.progress().track(jsc.sc(), "round " + round + " benchmarks",
                (long) items.size() * cfg.evalSamples, "episodes")) {
            LongAccumulator done = t.accumulator();
            JavaRDD<Row> rdd = jsc.parallelize(items, parts).mapPartitions(it -> {
                List<Item> list = new ArrayList<>();
                it.forEachRemaining(list::add);
                return evaluate(cfg, policyUri, version, round, seed, list, hadoop.value(), done).iterator();
            });
            org.apache.spark.sql.Dataset<Row> df = spark.createDataFrame(rdd, SCHEMA);
            df.write().parquet(new Path(tmp, OUTPUT).toString());
            // The small per-task table is read back (not recomputed) for the driver's summary.
            rows = spark.read().parquet(new Path(tmp, OUTPUT).toString()).select("env", "samples", "correct")
                    .collectAsList();
        }
        Map<String, List<PassAtK.Counts>> byEnv = new TreeMap<>();
        for (Row r : rows) {
            byEnv.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(new PassAtK.Counts(r.getInt(1), r.getInt(2)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String env : cfg.benchmarks) {
            List<PassAtK.Counts> c = byEnv.getOrDefault(env, List.of());
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("pass_at_1", PassAtK.meanPassAt1(c));
            e.put("pass_at_k", PassAtK.meanPassAtK(c, cfg.evalSamples));
            e.put("tasks", c.size());
            e.put("samples", cfg.evalSamples);
            out.put(env, e);
        }
        return out;
    }

    /** The environment's benchmark tasks for this run (validated split, optional cap). */
    static List<BenchmarkTask> tasks(String env, PipelineConfig cfg) {
        List<BenchmarkTask> all = BenchmarkTasks.load(env, cfg.benchmarkSplit);
        return cfg.benchmarkMaxTasks > 0 && all.size() > cfg.benchmarkMaxTasks ? all.subList(0, cfg.benchmarkMaxTasks) : all;
    }

    /** Executor side: one partition's tasks, scored env by env with the round's policy. */
    static List<Row> evaluate(PipelineConfig cfg, String policyUri, String version, int round, long seed,
                              List<Item> items, Configuration hadoop, LongAccumulator done) {
        java.nio.file.Path local = LocalCopies.of(policyUri, hadoop);
        Components.BenchmarkAgent agent = Components.load(cfg.components).benchmarkAgent(cfg, local);
        SamplingParams sampling = new SamplingParams(cfg.evalTemperature, cfg.solveSampling.topP(),
                cfg.solveSampling.topK(), cfg.solveSampling.maxNewTokens(), seed, List.of());
        // The simulated user answers greedily, like `run.sh eval` (its own temperature is not a pipeline knob).
        SamplingParams userSampling = new SamplingParams(0.0, 1.0, 0, cfg.solveSampling.maxNewTokens(), seed, List.of());
        Map<String, List<BenchmarkTask>> byEnv = new LinkedHashMap<>();
        for (Item it : items) {
            byEnv.computeIfAbsent(it.env, e -> new ArrayList<>()).add(tasks(it.env, cfg).get(it.index));
        }
        List<Row> rows = new ArrayList<>();
        for (var e : byEnv.entrySet()) {
            String env = e.getKey();
            boolean conversational = BenchmarkTasks.conversational(env);
            UserSimulator user = conversational ? new UserSimulator(agent.user(), userSampling) : null;
            ExecutorEpisode.Config ec = new ExecutorEpisode.Config(
                    conversational ? ExecutorEpisode.Config.TAU_MAX_TURNS : ExecutorEpisode.Config.M3_MAX_TURNS,
                    ExecutorEpisode.Config.DEFAULT_MAX_CONTEXT_CHARS,
                    conversational ? ExecutorEpisode.Config.DEFAULT_MAX_OBSERVATION_CHARS : M3Protocol.MAX_TOOL_OUTPUT_CHARS,
                    sampling);
            // One thread: Spark already runs one task per core.
            BenchmarkEvaluator ev = new BenchmarkEvaluator(bt -> new ExecutorEpisode(agent.executor().apply(bt),
                    SandboxFactory.open(), user, ec), cfg.evalSamples, seed, 1);
            BenchmarkEvaluator.Report report = ev.evaluate(env, cfg.benchmarkSplit, e.getValue(), version,
                    user == null ? null : agent.user().id(), t -> {
                        if (done != null) {
                            done.add(1);
                        }
                    });
            for (TaskResult r : report.results()) {
                rows.add(RowFactory.create(env, cfg.benchmarkSplit, r.taskId(), round, version, r.samples(), r.correct(),
                        r.passAt1(), r.passAtK(), r.rewards().toArray(new Double[0]), r.outcomes().toArray(new String[0]),
                        r.seeds().toArray(new Long[0])));
            }
        }
        return rows;
    }
}
