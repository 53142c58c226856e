package org.selfchallenge.bench.tau;

import org.selfchallenge.env.Environment;
import org.selfchallenge.env.TauEnvironment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * τ-bench's reward ({@code Env.calculate_reward}): replay the task's ground-truth actions except the
 * terminate tools on a fresh environment, compare {@code sha256(str(to_hashable(data)))} with the
 * agent's final state, and if the task lists {@code outputs}, require each to satisfy
 * {@code out.lower() in content.lower().replace(",", "")} for some {@code respond} content.
 */
public final class TauReward {
    private TauReward() {
    }

    /** The state after replaying the gold actions, and what each replayed action returned. */
    public record Replay(String dataHash, List<String> observations) {
    }

    /**
     * @param reward       1.0 or 0.0
     * @param agentHash    hash of the agent's final state
     * @param goldHash     hash after the gold replay
     * @param actionsMatch whether the hashes are equal
     * @param outputs      each required output → found (empty when the task has none)
     */
    public record Result(double reward, String agentHash, String goldHash, boolean actionsMatch,
                         Map<String, Boolean> outputs) {
    }

    /**
     * Replays the gold actions on {@code env.fresh()} (the given environment is not touched).
     * {@code respond} actions are skipped (they address the user, not the database; no gold action is
     * one upstream); kwargs are deep-copied per call.
     */
    public static Replay replay(TauEnvironment env, TauTask task) {
        TauEnvironment e = env.fresh();
        List<String> obs = new ArrayList<>();
        for (TauAction a : task.actions()) {
            if (e.isTerminateTool(a.name()) || TauAction.RESPOND.equals(a.name())) {
                continue;
            }
            obs.add(e.call(a.name(), a.kwargsCopy()));
        }
        return new Replay(e.stateHash(), obs);
    }

    /** {@link #replay(TauEnvironment, TauTask)} for any environment that is a τ-bench one. */
    public static Replay replay(Environment env, TauTask task) {
        if (!(env instanceof TauEnvironment)) {
            throw new IllegalArgumentException("environment '" + env.name() + "' is not a τ-bench environment");
        }
        return replay((TauEnvironment) env, task);
    }

    /**
     * The reward of an episode that ended (by a terminate tool or the user's {@code ###STOP###}).
     *
     * @param finalState      the agent's environment after the episode
     * @param task            the task
     * @param respondContents the {@code content} of every {@code respond} action the agent took, in order
     */
    public static Result reward(TauEnvironment finalState, TauTask task, List<String> respondContents) {
        String agentHash = finalState.stateHash();
        String goldHash = replay(finalState, task).dataHash();
        boolean match = agentHash.equals(goldHash);
        double reward = match ? 1.0 : 0.0;
        Map<String, Boolean> outputs = new LinkedHashMap<>();
        for (String out : task.outputs()) {
            boolean found = false;
            String needle = out.toLowerCase(Locale.ROOT);
            for (String content : respondContents) {
                if (content != null && content.toLowerCase(Locale.ROOT).replace(",", "").contains(needle)) {
                    found = true;
                    break;
                }
            }
            outputs.put(out, found);
            if (!found) {
                reward = 0.0;
            }
        }
        return new Result(reward, agentHash, goldHash, match, outputs);
    }
}
