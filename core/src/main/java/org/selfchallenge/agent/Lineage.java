package org.selfchallenge.agent;

import org.selfchallenge.llm.SamplingParams;

/**
 * Where a trajectory came from, enough to reproduce it.
 *
 * @param taskId        benchmark task id ({@code retail/test/12}) or synthetic task id
 * @param env           environment name
 * @param role          {@code executor} or {@code challenger}
 * @param modelId       policy model id and version ({@link org.selfchallenge.llm.ChatModel#id()})
 * @param seed          the episode seed; turn t samples with {@code seed + t}
 * @param sampling      the policy's sampling parameters (seed field = episode seed)
 * @param sampleIndex   which of the k samples of this task
 * @param promptVersion the prompt resource versions used (e.g. {@code executor.v1})
 * @param userModelId   user simulator model id, or null when there is none
 */
public record Lineage(String taskId, String env, String role, String modelId, long seed, SamplingParams sampling,
                      int sampleIndex, String promptVersion, String userModelId) {
}
