package org.selfchallenge.bench;

import java.util.List;

/**
 * One task's evaluation: the k sample rewards and how each episode ended (one JSON line of
 * {@code results.jsonl}).
 */
public record TaskResult(String taskId, String env, String split, int samples, int correct, List<Double> rewards,
                         List<String> outcomes, List<Long> seeds, double passAt1, double passAtK) {
}
