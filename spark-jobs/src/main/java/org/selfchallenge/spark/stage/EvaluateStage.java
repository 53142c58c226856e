package org.selfchallenge.spark.stage;

import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.selfchallenge.bench.PassAtK;
import org.selfchallenge.spark.Progress;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.io.SampleLineage;
import org.selfchallenge.spark.io.TrajectoryRecord;
import org.selfchallenge.spark.io.TrajectorySummaryRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluate: the round's policy (after its training; round 0 = the initial policy) on the held-out
 * tasks of round 0, {@code evaluate.samples} episodes each at {@code evaluate.temperature} →
 * {@code eval_results} (Parquet, one row per episode) and Pass@1 / unbiased Pass@k per environment
 * and overall ({@link PassAtK}). Held-out tasks come from a disjoint seed range and training rounds
 * drop near-duplicates of them, so they are never trained on. With {@code evaluate.benchmarks} the
 * same policy also plays the real benchmarks' tasks ({@link BenchmarkRuns}: {@code benchmark_results}
 * and {@code benchmarks: {env: {pass_at_1, pass_at_k, tasks, samples}}}).
 */
public final class EvaluateStage implements Stage {
    public static final String NAME = "evaluate";
    public static final String OUTPUT = "eval_results";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> run(StageContext ctx, Path tmp) {
        PipelineConfig cfg = ctx.cfg();
        Dataset<Row> held = VerifyStage.keptTasks(ctx.spark(), ctx.layout().stage(0, VerifyStage.NAME))
                .filter(org.apache.spark.sql.functions.col("env").isin(cfg.solveEnvs.toArray()));
        List<Episodes.Item> items = Episodes.plan(held, cfg.evalSamples, ctx.round(), cfg.seed, "evaluate");
        PipelineConfig.Sampling s = new PipelineConfig.Sampling(cfg.evalTemperature, cfg.solveSampling.topP(),
                cfg.solveSampling.topK(), cfg.solveSampling.maxNewTokens());
        String policy = ctx.policyOut().toString();
        String version = ctx.layout().root().toUri().relativize(ctx.policyOut().toUri()).toString();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
        SerializableConfiguration hadoop = new SerializableConfiguration(jsc.hadoopConfiguration());
        int parts = Math.max(1, Math.min(cfg.solvePartitions, items.size()));
        try (Progress.Tracker t = ctx.progress().track(jsc.sc(), "round " + ctx.round() + " evaluate", items.size(),
                "episodes")) {
            LongAccumulator done = t.accumulator();
            JavaRDD<TrajectorySummaryRow> rows = jsc.parallelize(items, parts).mapPartitions(it -> {
                List<Episodes.Item> list = new ArrayList<>();
                it.forEachRemaining(list::add);
                List<TrajectorySummaryRow> out = new ArrayList<>();
                for (TrajectoryRecord r : Episodes.run(cfg, s, policy, version, list, hadoop.value(), done)) {
                    out.add(TrajectorySummaryRow.of(r, SampleLineage.fromJson(r.getLineage()).outcome(), ""));
                }
                return out.iterator();
            });
            ctx.spark().createDataFrame(rows, TrajectorySummaryRow.class)
                    .write().parquet(new Path(tmp, OUTPUT).toString());
        }
        Dataset<Row> res = ctx.spark().read().parquet(new Path(tmp, OUTPUT).toString());
        // Per task: n samples, c successes (reward >= 1).
        List<Row> counts = res.groupBy("env", "taskId")
                .agg(org.apache.spark.sql.functions.count("*").as("n"),
                        org.apache.spark.sql.functions.sum(
                                org.apache.spark.sql.functions.expr("CASE WHEN reward >= 1 THEN 1 ELSE 0 END")).as("c"))
                .collectAsList();
        Map<String, List<PassAtK.Counts>> byEnv = new TreeMap<>();
        List<PassAtK.Counts> all = new ArrayList<>();
        for (Row r : counts) {
            PassAtK.Counts c = new PassAtK.Counts((int) r.getLong(2), (int) r.getLong(3));
            byEnv.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(c);
            all.add(c);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy_version", version);
        m.put("heldout_tasks", all.size());
        m.put("samples", cfg.evalSamples);
        m.put("heldout_pass_at_1", PassAtK.meanPassAt1(all));
        m.put("heldout_pass_at_k", PassAtK.meanPassAtK(all, cfg.evalSamples));
        Map<String, Object> envs = new LinkedHashMap<>();
        for (var e : byEnv.entrySet()) {
            envs.put(e.getKey(), Map.of("tasks", e.getValue().size(),
                    "pass_at_1", PassAtK.meanPassAt1(e.getValue()),
                    "pass_at_k", PassAtK.meanPassAtK(e.getValue(), cfg.evalSamples)));
        }
        m.put("by_env", envs);
        if (!cfg.benchmarks.isEmpty()) {
            m.put("benchmarks", BenchmarkRuns.run(ctx, tmp, policy, version));
        }
        return m;
    }
}
