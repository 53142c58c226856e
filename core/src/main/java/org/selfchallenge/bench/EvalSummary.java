package org.selfchallenge.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code summary.json}: Pass@1 (mean over tasks of c/k) and unbiased Pass@k with k = samples, plus
 * τ-bench's pass^k, for one environment and split. Fractions in [0, 1].
 */
public record EvalSummary(String env, String split, int tasks, int samples,
                          @JsonProperty("pass_at_1") double passAt1, @JsonProperty("pass_at_k") double passAtK,
                          @JsonProperty("pass_hat_k") double passHatK, String model,
                          @JsonProperty("user_model") String userModel, long seed) {
}
