package org.selfchallenge.agent;

import java.util.List;
import java.util.Map;

/**
 * A finished episode: every turn, the reward and how the episode ended.
 *
 * @param id       deterministic id ({@code taskId#sampleIndex@seed}), so retried Spark tasks never duplicate
 * @param lineage  task, environment, model, seed, sampling parameters
 * @param turns    all turns in order, system prompt first
 * @param reward   0 or 1 for executors (the task's check); 0 for challengers (their output is verified later)
 * @param outcome  how it ended: {@code user_stop}, {@code answered}, {@code max_turns}, {@code max_tokens},
 *                 {@code model_error}, {@code explored} (challenger), ...
 * @param info     details: final answer, reward breakdown, errors, the CaT text of a challenger
 */
public record Trajectory(String id, Lineage lineage, List<Turn> turns, double reward, String outcome,
                         Map<String, Object> info) {

    public Trajectory {
        turns = List.copyOf(turns);
        info = info == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(info));
    }

    public static String idFor(String taskId, int sampleIndex, long seed) {
        return taskId + "#" + sampleIndex + "@" + seed;
    }

    /** Number of policy-produced turns (those under the loss mask). */
    public long policyTurns() {
        return turns.stream().filter(Turn::policy).count();
    }
}
