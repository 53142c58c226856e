package org.selfchallenge.agent;

/**
 * What a policy reply asks for, parsed by {@link ActionParser}.
 * {@link Code}: run this Python in the sandbox. {@link Say}: a message to the user, or the final
 * answer in answer-based environments ({@code answer} is the text after {@code Answer:} when present,
 * else the whole message). {@link Malformed}: nothing usable; {@code reason} is shown to the policy.
 */
public sealed interface Action {
    record Code(String code, boolean extraBlocksIgnored) implements Action {
    }

    record Say(String text, String answer) implements Action {
    }

    record Malformed(String reason) implements Action {
    }
}
