package org.selfchallenge.policy.sample;

/**
 * One generated continuation: the new token ids (including a final stop token, if any), the model's
 * log-prob of each, and why generation ended: {@code stop} (stop token or stop string) or {@code length}.
 */
public record Generation(int[] tokens, float[] logprobs, String finishReason) {
}
