package org.selfchallenge.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One task's evaluation: the k sample rewards and how each episode ended (one JSON line of
 * {@code results.jsonl}, snake_case like {@code summary.json}).
 */
public record TaskResult(@JsonProperty("task_id") String taskId, String env, String split, int samples, int correct,
                         List<Double> rewards, List<String> outcomes, List<Long> seeds,
                         @JsonProperty("pass_at_1") double passAt1, @JsonProperty("pass_at_k") double passAtK) {
}
