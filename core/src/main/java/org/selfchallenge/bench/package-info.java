/**
 * Benchmark evaluation on the benchmarks' own checks: τ-bench retail/airline test tasks
 * ({@link org.selfchallenge.bench.TauBenchTask}: state hash after the episode vs. after the gold replay, plus
 * required outputs) and M3ToolEval calculation/web ({@link org.selfchallenge.bench.M3BenchTask}: upstream
 * {@code check_answer}, wrong answers get the upstream feedback and the episode goes on, 10 turns).
 * {@link org.selfchallenge.bench.BenchmarkEvaluator} runs k samples per task in parallel and reports
 * Pass@1 (mean over tasks of c/k) and the unbiased Pass@k ({@link org.selfchallenge.bench.PassAtK}).
 * {@link org.selfchallenge.bench.GoldReplayPolicy}, {@link org.selfchallenge.bench.NoopPolicy} and
 * {@link org.selfchallenge.bench.SelfCheckUser} are harness self-checks, not policies.
 * Subpackages {@code tau} and {@code m3} (task loading, reward replay, checker) belong to the environments.
 */
package org.selfchallenge.bench;
