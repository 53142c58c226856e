package org.selfchallenge.llm;

/**
 * The assistant's reply. {@code tokenIds}/{@code logprobs} are the sampled tokens and the sampler's
 * log-probabilities of them, where the backend knows them (null otherwise); they are what PPO and the
 * Arrow trajectories need. {@code finishReason}: {@code stop}, {@code length} or {@code error}.
 */
public record Completion(String text, int[] tokenIds, float[] logprobs, String finishReason) {
    public static Completion textOnly(String text) {
        return new Completion(text, null, null, "stop");
    }
}
