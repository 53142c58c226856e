package org.selfchallenge.spark.component;

import org.selfchallenge.agent.Trajectory;

/**
 * Turns an episode into the training layout: one token sequence (the policy's chat template applied
 * to every turn), a loss mask marking the tokens the policy sampled, and their sampler log-probs.
 */
public interface TrajectoryEncoder {
    record Encoded(int[] tokens, byte[] lossMask, float[] logprobs) {
    }

    Encoded encode(Trajectory t);
}
