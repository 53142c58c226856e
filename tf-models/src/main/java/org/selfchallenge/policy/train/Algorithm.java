package org.selfchallenge.policy.train;

/**
 * Training objective selected by {@link TrainConfig#algorithm()}. Each maps to one loss class in
 * {@code org.selfchallenge.policy.loss}; see there for the formulas.
 */
public enum Algorithm {
    /** Supervised fine-tuning / distillation: masked NLL of the trainable tokens. */
    SFT,
    /** Rejection fine-tuning: masked NLL on the sequences the caller kept (reward filter is the caller's). */
    RFT,
    /** REINFORCE with a batch-mean baseline (or caller-given advantages). */
    REINFORCE,
    /** PPO clipped surrogate against stored behaviour log-probs, optional KL to the frozen start policy. */
    PPO,
    /** GRPO: group-normalised advantages ((r - mean_g) / (std_g + eps)) fed to the PPO clipped surrogate. */
    GRPO
}
