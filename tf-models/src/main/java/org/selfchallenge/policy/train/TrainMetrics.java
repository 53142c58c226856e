package org.selfchallenge.policy.train;

/**
 * What one optimizer step reports. {@code loss} is the objective value averaged over trainable tokens (over
 * all micro-batches of the step); {@code gradNorm} the global L2 norm before clipping; {@code lr} the learning
 * rate used; {@code meanLogprob} the mean per-token log-prob of trainable tokens under the current policy;
 * {@code meanRatio}/{@code clipFraction} for PPO/GRPO (1 and 0 otherwise); {@code kl} the mean k3 estimate
 * of KL(policy || reference) when a reference is used (0 otherwise).
 */
public record TrainMetrics(long step, double loss, double gradNorm, double lr, int sequences, int tokens,
                           double meanLogprob, double meanRatio, double clipFraction, double kl,
                           double meanReward, double seconds) {
    /** Trainable tokens per second for this step. */
    public double tokensPerSecond() {
        return seconds > 0 ? tokens / seconds : 0.0;
    }
}
