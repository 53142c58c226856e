package org.selfchallenge.spark.stage;

import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.selfchallenge.agent.Seeds;
import org.selfchallenge.spark.Progress;
import org.selfchallenge.spark.component.Components;
import org.selfchallenge.spark.component.TaskChallenger;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.io.RawTaskRow;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Challenge: N challenger episodes per environment, spread over partitions, each seeded from the run
 * seed and its task id → {@code tasks_raw} (Parquet). Round 0 generates the held-out set from a
 * disjoint seed range ({@code evaluate.heldout-seed-offset}); rounds ≥ 1 use episode indices
 * {@code (round-1)*N .. round*N-1}. A failing episode becomes a row with an error, never a stage failure.
 */
public final class ChallengeStage implements Stage {
    public static final String NAME = "challenge";
    public static final String OUTPUT = "tasks_raw";

    @Override
    public String name() {
        return NAME;
    }

    /** Deterministic id: {@code calculation-r3-00017}, or {@code calculation-h-00017} for held-out tasks. */
    public static String taskId(String env, int round, int index) {
        return env + (round == 0 ? "-h-" : "-r" + round + "-") + String.format("%05d", index);
    }

    static List<RawTaskRow> plan(PipelineConfig cfg, int round) {
        List<RawTaskRow> items = new ArrayList<>();
        int n = round == 0 ? cfg.heldoutTasksPerEnv : cfg.episodesPerEnv;
        for (String env : cfg.envs) {
            for (int e = 0; e < n; e++) {
                long index = round == 0 ? cfg.heldoutSeedOffset + e : (long) (round - 1) * n + e;
                RawTaskRow r = new RawTaskRow();
                r.setEnv(env);
                r.setRound(round);
                r.setEpisode(index);
                r.setTaskId(taskId(env, round, e));
                r.setSeed(Seeds.named(cfg.seed, "challenge/" + env + "/" + index));
                items.add(r);
            }
        }
        return items;
    }

    @Override
    public Map<String, Object> run(StageContext ctx, Path tmp) {
        PipelineConfig cfg = ctx.cfg();
        List<RawTaskRow> items = plan(cfg, ctx.round());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
        long ok;
        try (Progress.Tracker t = ctx.progress().track(jsc.sc(), "round " + ctx.round() + " challenge",
                items.size(), "episodes")) {
            LongAccumulator done = t.accumulator();
            JavaRDD<RawTaskRow> rows = jsc.parallelize(items, Math.max(1, Math.min(cfg.challengePartitions, items.size())))
                    .mapPartitions(it -> episodes(cfg, it, done));
            ctx.spark().createDataFrame(rows, RawTaskRow.class)
                    .write().parquet(new Path(tmp, OUTPUT).toString());
        }
        var df = ctx.spark().read().parquet(new Path(tmp, OUTPUT).toString());
        ok = df.filter("error IS NULL").count();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tasks_generated", items.size());
        m.put("challenger_errors", items.size() - ok);
        return m;
    }

    private static Iterator<RawTaskRow> episodes(PipelineConfig cfg, Iterator<RawTaskRow> it, LongAccumulator done) {
        TaskChallenger challenger = Components.load(cfg.components).challenger(cfg);
        List<RawTaskRow> out = new ArrayList<>();
        while (it.hasNext()) {
            RawTaskRow r = it.next();
            r.setChallengerId(challenger.id());
            try {
                TaskChallenger.ChallengeOutput o = challenger.challenge(r.getEnv(), r.getEpisode(), r.getSeed());
                r.setText(o.text() == null ? "" : o.text());
                r.setTrace(o.trace() == null ? "[]" : o.trace());
            } catch (RuntimeException e) {
                StringWriter sw = new StringWriter();
                e.printStackTrace(new PrintWriter(sw));
                r.setText("");
                r.setTrace("[]");
                r.setError(e + "\n" + sw.toString().lines().limit(8).reduce("", (a, b) -> a + b + "\n"));
            }
            out.add(r);
            done.add(1);
        }
        return out.iterator();
    }
}
