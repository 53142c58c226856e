/**
 * The M3ToolEval benchmark (82 tasks: 48 calculation, 34 web browsing): task loading
 * ({@link org.selfchallenge.bench.m3.M3Tasks}), the upstream answer checker with all its quirks
 * ({@link org.selfchallenge.bench.m3.M3Checker}), the interaction protocol for the agent runtime
 * ({@link org.selfchallenge.bench.m3.M3Protocol}). Its command line, {@code run.sh env m3-check}, is
 * {@link org.selfchallenge.cli.M3CheckCli}; its throughput benchmark {@link org.selfchallenge.perf.M3Bench}.
 */
package org.selfchallenge.bench.m3;
