package org.selfchallenge.spark.component;

import org.selfchallenge.agent.Trajectory;
import org.selfchallenge.agent.Turn;
import org.selfchallenge.llm.Message;
import org.selfchallenge.policy.tokenizer.ConversationEncoder;
import org.selfchallenge.policy.tokenizer.EncodedConversation;
import org.selfchallenge.policy.tokenizer.PolicyTokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes an episode with the policy's own tokenizer and chat template ({@link ConversationEncoder}):
 * assistant turns keep the exact sampled tokens and sampler log-probs; everything else is context
 * (mask 0, log-prob 0). A log-prob the sampler did not report stays NaN (= treat as on-policy).
 */
public final class PolicyEncoder implements TrajectoryEncoder {
    private final ConversationEncoder encoder;

    public PolicyEncoder(PolicyTokenizer tokenizer) {
        this.encoder = new ConversationEncoder(tokenizer);
    }

    @Override
    public Encoded encode(Trajectory t) {
        return encodeTurns(t.turns());
    }

    public Encoded encodeTurns(List<Turn> turns) {
        List<Message> messages = new ArrayList<>();
        List<ConversationEncoder.Sampled> sampled = new ArrayList<>();
        for (Turn turn : turns) {
            messages.add(new Message(turn.role(), turn.text()));
            sampled.add(turn.policy() && turn.tokenIds() != null && turn.logprobs() != null
                    ? new ConversationEncoder.Sampled(turn.tokenIds(), turn.logprobs()) : null);
        }
        EncodedConversation e = encoder.encode(messages, sampled);
        int n = e.tokens().length;
        byte[] mask = new byte[n];
        float[] lp = new float[n];
        for (int i = 0; i < n; i++) {
            mask[i] = (byte) (e.mask()[i] ? 1 : 0);
            lp[i] = e.mask()[i] && e.behaviourLogprobs() != null ? e.behaviourLogprobs()[i] : (e.mask()[i] ? Float.NaN : 0f);
        }
        return new Encoded(e.tokens(), mask, lp);
    }
}
