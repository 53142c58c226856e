package org.selfchallenge.agent;

import java.util.List;

/**
 * One message of an episode, in the order the policy saw them.
 *
 * @param role          chat role the policy sees it under: {@code system}, {@code user}, {@code assistant}
 * @param kind          what it is: {@code system}, {@code instruction}, {@code user} (simulated user),
 *                      {@code code} / {@code message} / {@code answer} / {@code cat} / {@code malformed}
 *                      (policy replies), {@code observation} (sandbox output), {@code feedback}
 *                      (benchmark answer feedback)
 * @param text          the text exactly as given to or produced by the policy
 * @param tokenIds      sampled token ids of a policy reply, where the backend knows them (else null)
 * @param logprobs      the sampler's log-probabilities of those tokens (else null)
 * @param policy        true for text the policy produced: the loss mask (train only on these turns)
 * @param finishReason  backend finish reason for policy replies ({@code stop}, {@code length}), else null
 * @param toolCalls     tool calls the turn's code made, with their results (observation turns only)
 */
public record Turn(String role, String kind, String text, int[] tokenIds, float[] logprobs, boolean policy,
                   String finishReason, List<ToolCall> toolCalls) {

    public Turn {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** A tool call made from a code action: name, arguments as JSON text, result (or error) as shown. */
    public record ToolCall(String name, String arguments, String result) {
    }

    public static Turn context(String role, String kind, String text) {
        return new Turn(role, kind, text, null, null, false, null, List.of());
    }

    public static Turn observation(String text, List<ToolCall> calls) {
        return new Turn("user", "observation", text, null, null, false, null, calls);
    }
}
