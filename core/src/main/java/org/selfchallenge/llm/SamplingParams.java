package org.selfchallenge.llm;

import java.util.List;

/**
 * Per-request sampling settings. {@code temperature == 0} means greedy. {@code topK <= 0} and
 * {@code topP >= 1} disable those filters. The seed makes a request reproducible on backends that
 * honour it (ours always do).
 */
public record SamplingParams(double temperature, double topP, int topK, int maxNewTokens, long seed,
                             List<String> stop) {
    public static final double DEFAULT_TEMPERATURE = 1.0;
    public static final int DEFAULT_MAX_NEW_TOKENS = 512;

    public SamplingParams {
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    public static SamplingParams greedy(int maxNewTokens) {
        return new SamplingParams(0.0, 1.0, 0, maxNewTokens, 0L, List.of());
    }

    public SamplingParams withSeed(long s) {
        return new SamplingParams(temperature, topP, topK, maxNewTokens, s, stop);
    }
}
