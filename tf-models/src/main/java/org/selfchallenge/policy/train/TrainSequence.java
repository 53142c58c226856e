package org.selfchallenge.policy.train;

/**
 * One training sequence, in the layout of the Arrow trajectories: {@code tokens[i]} is the i-th token of the
 * whole conversation (prompt + tool outputs + policy turns), {@code mask[i]} is true when token i was produced
 * by the policy (the only tokens that receive a loss), {@code behaviourLogprobs[i]} is the sampler's
 * log-probability of token i (meaningful where mask is true; may be null for SFT/RFT/REINFORCE), and the
 * sequence-level {@code reward}. {@code advantage} is used as given when finite; when NaN it is computed
 * by the algorithm (REINFORCE: reward - batch mean; GRPO: group-normalised over {@code groupId}).
 */
public record TrainSequence(int[] tokens, boolean[] mask, float[] behaviourLogprobs, double reward,
                            double advantage, long groupId) {
    public TrainSequence {
        if (tokens == null || mask == null) {
            throw new IllegalArgumentException("tokens and mask are required");
        }
        if (tokens.length != mask.length) {
            throw new IllegalArgumentException("tokens.length " + tokens.length + " != mask.length " + mask.length);
        }
        if (behaviourLogprobs != null && behaviourLogprobs.length != tokens.length) {
            throw new IllegalArgumentException("behaviourLogprobs.length " + behaviourLogprobs.length
                    + " != tokens.length " + tokens.length);
        }
        if (tokens.length < 2) {
            throw new IllegalArgumentException("a training sequence needs at least 2 tokens");
        }
    }

    /** A supervised sequence (SFT/RFT): reward 1, no behaviour log-probs. */
    public static TrainSequence supervised(int[] tokens, boolean[] mask) {
        return new TrainSequence(tokens, mask, null, 1.0, Double.NaN, 0L);
    }

    /** An RL sequence whose advantage the algorithm computes from rewards (and groups, for GRPO). */
    public static TrainSequence rollout(int[] tokens, boolean[] mask, float[] behaviourLogprobs, double reward,
                                        long groupId) {
        return new TrainSequence(tokens, mask, behaviourLogprobs, reward, Double.NaN, groupId);
    }

    /** Number of trainable (policy) tokens, excluding token 0, which has no prediction. */
    public int trainableTokens() {
        int n = 0;
        for (int i = 1; i < mask.length; i++) {
            if (mask[i]) {
                n++;
            }
        }
        return n;
    }
}
