package org.selfchallenge.spark.component;

import java.util.List;

/**
 * Runs executor episodes of the policy on verified tasks (batched so model backends can batch) and
 * returns each episode as a token sequence with loss mask, sampler log-probs and reward.
 */
public interface TaskSolver {

    /** A verified task and which of its K samples to run, with the episode seed. */
    record SolveInput(String taskId, String env, String instruction, String evaluation, String solution,
                      int sampleIndex, long seed) implements java.io.Serializable {
    }

    /**
     * @param tokens             whole conversation, policy chat template applied
     * @param lossMask           1 where the policy produced the token
     * @param behaviourLogprobs  sampler log-prob where lossMask = 1, else 0
     * @param reward             the task's evaluate() result as 1/0
     * @param turnsJson          the turns as JSON (role, content) for inspection
     * @param outcome            how the episode ended (answered, max_turns, ...)
     */
    record SolveOutput(int[] tokens, byte[] lossMask, float[] behaviourLogprobs, float reward, String turnsJson,
                       String outcome) {
    }

    List<SolveOutput> solve(List<SolveInput> batch);
}
