/**
 * The agent runtime: the two kinds of multi-turn episode of the Self-Challenging method, the
 * τ-bench user simulator, trajectories and the command-line entry points.
 *
 * <h2>Episodes</h2>
 * <ul>
 *   <li>{@link org.selfchallenge.agent.ExecutorEpisode}: system prompt = environment policy + tool docs +
 *       action protocol ({@code prompts/executor.v1.md}); each policy reply is a code action (a
 *       {@code ```python} block, run by {@link org.selfchallenge.agent.ActionSandbox} in the CaT sandbox with
 *       the tools bound, never in the JVM) or a message (to the {@link org.selfchallenge.agent.UserSimulator}
 *       for retail/airline, a final answer for calculation/web). Tasks are
 *       {@link org.selfchallenge.agent.ExecutorTask}s: benchmark tasks ({@code bench.TauBenchTask},
 *       {@code bench.M3BenchTask}) or verified synthetic tasks ({@link org.selfchallenge.agent.SyntheticTask}).</li>
 *   <li>{@link org.selfchallenge.agent.ChallengerEpisode}: tool docs + the CaT format + one worked example
 *       per environment; explores with code actions, then writes the task; output = raw text + trace.</li>
 * </ul>
 * Both are stateless and thread-safe; turn t of an episode samples with seed {@code episodeSeed + t},
 * and per-episode seeds come from {@link org.selfchallenge.agent.Seeds}, so a Spark task that is retried
 * reproduces its episodes. Malformed replies, unknown tools, huge outputs, hostile code and backend
 * failures become observations or recorded outcomes, never exceptions.
 *
 * <h2>Trajectories</h2>
 * {@link org.selfchallenge.agent.Trajectory}: every {@link org.selfchallenge.agent.Turn} (role, text, token
 * ids and sampler log-probs where the backend gives them, {@code policy} = the loss mask, tool calls),
 * reward, outcome, and {@link org.selfchallenge.agent.Lineage}; JSON lines via
 * {@link org.selfchallenge.agent.TrajectoryJson}.
 *
 * <h2>Prompts</h2>
 * One versioned resource per prompt under {@code org/selfchallenge/agent/prompts/NAME.vN.md}; a change is
 * a new version, recorded in each trajectory's lineage.
 *
 * <h2>Commands</h2>
 * {@link org.selfchallenge.cli.EvalCli} ({@code run.sh eval}) and {@link org.selfchallenge.cli.ChallengeCli}
 * ({@code run.sh challenge}). {@code eval --policy gold-replay|noop} is a <b>harness self-check</b>, not a
 * model: gold replay must score 100% on τ-bench retail and airline test (and on calculation/web, where it
 * gives the expected answer); noop must score exactly the share of tasks whose ground truth leaves the data
 * unchanged and needs no outputs (retail test 7/115, airline test 19/50).
 */
package org.selfchallenge.agent;
