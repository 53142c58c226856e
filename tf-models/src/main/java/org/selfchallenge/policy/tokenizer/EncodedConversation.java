package org.selfchallenge.policy.tokenizer;

/**
 * A conversation as tokens and a loss mask: {@code mask[i]} is true when token i was produced by the assistant
 * (its message text and its end-of-turn stop token), false for system/user/tool text and template scaffolding.
 */
public record EncodedConversation(int[] tokens, boolean[] mask) {
    public int trainableTokens() {
        int n = 0;
        for (boolean b : mask) {
            if (b) {
                n++;
            }
        }
        return n;
    }
}
