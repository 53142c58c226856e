package org.selfchallenge.policy.tokenizer;

/**
 * A conversation as tokens and a loss mask: {@code mask[i]} is true when token i was produced by the assistant
 * (its message text and its end-of-turn stop token), false for system/user/tool text and template scaffolding.
 * {@code behaviourLogprobs[i]} is the sampler's log-prob of token i where the sampled tokens were supplied,
 * NaN elsewhere (the trainer treats NaN as on-policy, ratio 1); 0 on untrainable tokens.
 */
public record EncodedConversation(int[] tokens, boolean[] mask, float[] behaviourLogprobs) {
    public EncodedConversation(int[] tokens, boolean[] mask) {
        this(tokens, mask, unknown(mask));
    }

    private static float[] unknown(boolean[] mask) {
        float[] l = new float[mask.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = mask[i] ? Float.NaN : 0f;
        }
        return l;
    }

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
