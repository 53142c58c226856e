package org.selfchallenge.spark.stage;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.selfchallenge.spark.Progress;
import org.selfchallenge.spark.StageCommitter;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.io.SampleLineage;
import org.selfchallenge.spark.io.TrajectoryArrow;
import org.selfchallenge.spark.io.TrajectoryArrowWriter;
import org.selfchallenge.spark.io.TrajectoryRecord;
import org.selfchallenge.spark.io.TrajectorySummaryRow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Solve: K executor episodes of the round's starting policy per kept verified task, spread over
 * partitions → {@code trajectories/part-NNNNN.arrow} (one Arrow IPC file per partition, see
 * {@link TrajectoryArrow}) and {@code trajectories_summary} (Parquet, one row per trajectory).
 *
 * <p>No duplicates under retries or speculation: partition p always holds the same episodes (planned on
 * the driver), each attempt writes a hidden attempt file and renames it to {@code part-p.arrow}; an
 * attempt that finds the file already there drops its own copy (the content is identical). Hidden
 * leftovers of killed attempts are removed before the stage commits. On object stores
 * ({@link StageCommitter#COPYING_RENAME}) an attempt writes {@code part-p.arrow} itself: the object
 * appears whole when its upload completes, and a second attempt's identical copy replaces it.
 */
public final class SolveStage implements Stage {
    public static final String NAME = "solve";
    public static final String TRAJECTORIES = "trajectories";
    public static final String SUMMARY = "trajectories_summary";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> run(StageContext ctx, Path tmp) throws IOException {
        PipelineConfig cfg = ctx.cfg().forRound(ctx.round());
        // A distillation round's trajectories come from the teacher, which is deterministic: one sample a task.
        boolean teacher = cfg.algorithm.equals("distill");
        Dataset<Row> tasks = VerifyStage.keptTasks(ctx.spark(), ctx.stageDir(VerifyStage.NAME))
                .filter(org.apache.spark.sql.functions.col("env").isin(cfg.solveEnvs.toArray()));
        List<Episodes.Item> items = Episodes.plan(tasks, teacher ? 1 : cfg.samplesPerTask, ctx.round(), cfg.seed,
                "solve");
        String policy = ctx.policyIn().toString();
        String version = ctx.layout().root().toUri().relativize(ctx.policyIn().toUri()).toString();
        Path dir = new Path(tmp, TRAJECTORIES);
        FileSystem fs = ctx.fs();
        fs.mkdirs(dir);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
        SerializableConfiguration hadoop = new SerializableConfiguration(jsc.hadoopConfiguration());
        String dirUri = dir.toString();
        int parts = Math.max(1, Math.min(cfg.solvePartitions, items.size()));
        List<TrajectorySummaryRow> summary;
        try (Progress.Tracker t = ctx.progress().track(jsc.sc(), "round " + ctx.round() + " solve", items.size(),
                "trajectories")) {
            LongAccumulator done = t.accumulator();
            // Trajectories go to Arrow files from the executors; only their one-line summaries (no
            // tokens) come back, so the summary table and the metrics cost no further pass over the data.
            summary = jsc.parallelize(items, parts).mapPartitionsWithIndex(
                    (p, it) -> writePartition(cfg, teacher, policy, version, dirUri, p, it, hadoop.value(),
                            done), false).collect();
        }
        ctx.spark().createDataFrame(summary, TrajectorySummaryRow.class).coalesce(1)
                .write().parquet(new Path(tmp, SUMMARY).toString());
        removeAttemptLeftovers(fs, dir);
        double rewardSum = 0;
        long tokens = 0;
        long policyTokens = 0;
        for (TrajectorySummaryRow r : summary) {
            rewardSum += r.getReward();
            tokens += r.getTokens();
            policyTokens += r.getPolicyTokens();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trajectories", (long) summary.size());
        m.put("arrow_files", fs.listStatus(dir, p -> p.getName().endsWith(".arrow")).length);
        m.put("mean_reward", summary.isEmpty() ? 0.0 : rewardSum / summary.size());
        m.put("tokens", tokens);
        m.put("policy_tokens", policyTokens);
        m.put("policy_version", version);
        m.put("solver", teacher ? "teacher" : "policy");
        return m;
    }

    private static Iterator<TrajectorySummaryRow> writePartition(PipelineConfig cfg, boolean teacher, String policy,
            String version,
            String dirUri, int partition, Iterator<Episodes.Item> it, Configuration hadoop, LongAccumulator done)
            throws IOException {
        List<Episodes.Item> items = new ArrayList<>();
        it.forEachRemaining(items::add);
        List<TrajectoryRecord> recs = Episodes.run(cfg, cfg.solveSampling, policy, version, items, hadoop, done,
                teacher);
        recs.sort(Comparator.comparing(TrajectoryRecord::getTrajectoryId));
        Path dir = new Path(dirUri);
        FileSystem fs = dir.getFileSystem(hadoop);
        String name = TrajectoryArrow.fileName(partition);
        Path target = new Path(dir, name);
        TaskContext tc = TaskContext.get();
        // A rename on an object store would copy the whole file once more.
        boolean inPlace = StageCommitter.COPYING_RENAME.contains(fs.getScheme());
        Path attempt = inPlace ? target : new Path(dir, "." + name + ".attempt-" + (tc == null ? 0 : tc.taskAttemptId()));
        try (TrajectoryArrowWriter w = new TrajectoryArrowWriter(fs, attempt)) {
            for (TrajectoryRecord r : recs) {
                w.write(r);
            }
        }
        if (!inPlace && !fs.rename(attempt, target)) {
            // Another attempt of this partition already committed the identical file.
            fs.delete(attempt, false);
        }
        List<TrajectorySummaryRow> out = new ArrayList<>();
        for (TrajectoryRecord r : recs) {
            out.add(TrajectorySummaryRow.of(r, SampleLineage.fromJson(r.getLineage()).outcome(), name));
        }
        return out.iterator();
    }

    private static void removeAttemptLeftovers(FileSystem fs, Path dir) throws IOException {
        for (var st : fs.listStatus(dir)) {
            if (st.getPath().getName().contains(".attempt-")) {
                fs.delete(st.getPath(), false);
            }
        }
    }
}
