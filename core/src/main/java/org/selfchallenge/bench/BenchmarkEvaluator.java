package org.selfchallenge.bench;

import org.selfchallenge.agent.ExecutorEpisode;
import org.selfchallenge.agent.Seeds;
import org.selfchallenge.agent.Trajectory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs k executor episodes per benchmark task (in parallel on {@code threads} threads) and scores
 * them: Pass@1 averaged over the k samples and the unbiased Pass@k ({@link PassAtK}). The episode of
 * sample i of task T uses seed {@code Seeds.episode(seed, T, i)}, so results do not depend on scheduling.
 * An episode that throws is recorded as reward 0 with outcome {@code harness_error: ...}; it never
 * stops the evaluation.
 */
public final class BenchmarkEvaluator {

    /** Everything an evaluation produced. */
    public record Report(EvalSummary summary, List<TaskResult> results, List<Trajectory> trajectories) {
    }

    private final Function<BenchmarkTask, ExecutorEpisode> episodes;
    private final int samples;
    private final long seed;
    private final int threads;

    /** {@code episodes} gives the episode runner for a task (the policy may depend on the task: gold replay). */
    public BenchmarkEvaluator(Function<BenchmarkTask, ExecutorEpisode> episodes, int samples, long seed, int threads) {
        if (samples < 1) throw new IllegalArgumentException("samples must be >= 1");
        this.episodes = episodes;
        this.samples = samples;
        this.seed = seed;
        this.threads = Math.max(1, threads);
    }

    public Report evaluate(String env, String split, List<BenchmarkTask> tasks, String modelId, String userModelId,
                           Consumer<Trajectory> progress) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "eval-episode");
            t.setDaemon(true);
            return t;
        });
        try {
            List<List<Future<Trajectory>>> futures = new ArrayList<>();
            for (BenchmarkTask bt : tasks) {
                List<Future<Trajectory>> fs = new ArrayList<>();
                for (int i = 0; i < samples; i++) {
                    int sample = i;
                    long s = Seeds.episode(seed, bt.task().id(), sample);
                    fs.add(pool.submit(() -> {
                        Trajectory t = runOne(bt, sample, s);
                        if (progress != null) progress.accept(t);
                        return t;
                    }));
                }
                futures.add(fs);
            }
            List<TaskResult> results = new ArrayList<>();
            List<Trajectory> all = new ArrayList<>();
            List<PassAtK.Counts> counts = new ArrayList<>();
            for (int ti = 0; ti < tasks.size(); ti++) {
                List<Double> rewards = new ArrayList<>();
                List<String> outcomes = new ArrayList<>();
                List<Long> seeds = new ArrayList<>();
                for (Future<Trajectory> f : futures.get(ti)) {
                    Trajectory t = get(f);
                    all.add(t);
                    rewards.add(t.reward());
                    outcomes.add(t.outcome());
                    seeds.add(t.lineage().seed());
                }
                int c = (int) rewards.stream().filter(r -> r >= 1.0).count();
                counts.add(new PassAtK.Counts(samples, c));
                results.add(new TaskResult(tasks.get(ti).task().id(), env, split, samples, c, rewards, outcomes, seeds,
                        (double) c / samples, PassAtK.passAtK(samples, c, samples)));
            }
            EvalSummary summary = new EvalSummary(env, split, tasks.size(), samples, PassAtK.meanPassAt1(counts),
                    PassAtK.meanPassAtK(counts, samples), PassAtK.meanPassHatK(counts, samples), modelId, userModelId,
                    seed);
            return new Report(summary, results, all);
        } finally {
            pool.shutdownNow();
        }
    }

    private Trajectory runOne(BenchmarkTask bt, int sample, long s) {
        try {
            return episodes.apply(bt).run(bt.task(), sample, s);
        } catch (RuntimeException e) {
            String id = bt.task().id();
            return new Trajectory(Trajectory.idFor(id, sample, s),
                    new org.selfchallenge.agent.Lineage(id, null, "executor", null, s, null, sample, null, null),
                    List.of(), 0.0, "harness_error: " + e, java.util.Map.of("error", String.valueOf(e)));
        }
    }

    private static Trajectory get(Future<Trajectory> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("episode failed: " + e.getCause(), e.getCause());
        }
    }
}
