/**
 * The M3ToolEval benchmark (82 tasks: 48 calculation, 34 web browsing): task loading
 * ({@link org.selfchallenge.bench.m3.M3Tasks}), the upstream answer checker with all its quirks
 * ({@link org.selfchallenge.bench.m3.M3Checker}), the interaction protocol for the agent runtime
 * ({@link org.selfchallenge.bench.m3.M3Protocol}), {@code run.sh env m3-check}
 * ({@link org.selfchallenge.bench.m3.M3CheckCli}) and a throughput benchmark
 * ({@link org.selfchallenge.bench.m3.M3Bench}).
 */
package org.selfchallenge.bench.m3;
