package org.selfchallenge.bench;

/**
 * {@code summary.json}: Pass@1 (mean over tasks of c/k) and unbiased Pass@k with k = samples, plus
 * τ-bench's pass^k, for one environment and split. Fractions in [0, 1].
 */
public record EvalSummary(String env, String split, int tasks, int samples, double pass_at_1, double pass_at_k,
                          double pass_hat_k, String model, String user_model, long seed) {
}
