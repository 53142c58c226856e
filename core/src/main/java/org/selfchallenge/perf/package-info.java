/**
 * Throughput benchmarks of core ({@code run.sh bench env|m3|cat}): {@link org.selfchallenge.perf.CatBench}
 * (verifications/s of realistic tasks from {@link org.selfchallenge.perf.BenchTasks}, with the per-run cost
 * breakdown of the sandbox), {@link org.selfchallenge.perf.EnvBench}
 * (fresh snapshots, state hashes and tool calls of the τ-bench environments; its {@code measure} is the
 * timing loop the others share) and {@link org.selfchallenge.perf.M3Bench} (the M3ToolEval tools and checker). They
 * measure the domain packages from outside; nothing in core depends on them.
 */
package org.selfchallenge.perf;
