package org.selfchallenge.policy.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.llm.ChatRequest;
import org.selfchallenge.llm.Completion;
import org.selfchallenge.llm.Message;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.policy.TinyCheckpoints;
import org.selfchallenge.policy.tokenizer.ConversationEncoder;
import org.selfchallenge.policy.tokenizer.EncodedConversation;
import org.selfchallenge.policy.tokenizer.PolicyTokenizer;
import org.selfchallenge.policy.train.Algorithm;
import org.selfchallenge.policy.train.PolicyTrainer;
import org.selfchallenge.policy.train.TrainConfig;
import org.selfchallenge.policy.train.TrainMetrics;
import org.selfchallenge.policy.train.TrainSequence;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The path the RL stages use, end to end: TfChatModel on the trainer's live session → completions with token
 * ids + log-probs → ConversationEncoder (exact sampled tokens) → GRPO step. On-policy data gives PPO ratios of
 * exactly 1 at the first step, and reward (reply "A" rather than "B") goes up.
 */
class ChatRlIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void grpoOnChatRolloutsRaisesReward() throws Exception {
        TinyCheckpoints.write(dir, TinyCheckpoints.config(300, 32, 1, 4, 2, true), 8, 0.02);
        List<Message> prompt = List.of(Message.user("A or B?"));
        try (PolicyTokenizer tok = PolicyTokenizer.load(dir)) {
            ConversationEncoder enc = new ConversationEncoder(tok);
            // warm start: both one-letter replies (plus the end-of-turn token) equally likely
            try (PolicyTrainer sft = PolicyTrainer.open(dir, TrainConfig.builder().algorithm(Algorithm.SFT)
                    .learningRate(1e-2).threads(2, 1).build())) {
                List<TrainSequence> both = new ArrayList<>();
                for (String r : new String[]{"A", "B"}) {
                    List<Message> conv = new ArrayList<>(prompt);
                    conv.add(Message.assistant(r));
                    EncodedConversation ec = enc.encode(conv);
                    both.add(TrainSequence.supervised(ec.tokens(), ec.mask()));
                }
                for (int s = 0; s < 60; s++) {
                    sft.step(both);
                }
                sft.exportHf(dir);
            }
            TrainConfig cfg = TrainConfig.builder().algorithm(Algorithm.GRPO).learningRate(3e-3).microBatchSize(8)
                    .seed(1).threads(2, 1).build();
            try (PolicyTrainer t = PolicyTrainer.open(dir, cfg)) {
                TfChatModel chat = new TfChatModel(t.model(), tok, "tf:test");
                double firstReward = -1;
                List<Double> rewards = new ArrayList<>();
                for (int step = 0; step < 15; step++) {
                    List<ChatRequest> reqs = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        reqs.add(new ChatRequest(prompt, new SamplingParams(1.0, 1.0, 0, 3, step * 1000L + i, List.of())));
                    }
                    List<Completion> outs = chat.complete(reqs);
                    List<TrainSequence> batch = new ArrayList<>();
                    for (Completion c : outs) {
                        List<Message> conv = new ArrayList<>(prompt);
                        conv.add(Message.assistant(c.text()));
                        EncodedConversation ec = enc.encode(conv, Arrays.asList(null,
                                new ConversationEncoder.Sampled(c.tokenIds(), c.logprobs())));
                        batch.add(new TrainSequence(ec.tokens(), ec.mask(), ec.behaviourLogprobs(),
                                c.text().startsWith("A") ? 1.0 : 0.0, Double.NaN, 0L));
                    }
                    TrainMetrics m = t.step(batch);
                    if (step == 0) {
                        assertEquals(1.0, m.meanRatio(), 1e-4, "on-policy data: ratio exp(logp - behaviour) = 1");
                        firstReward = m.meanReward();
                    }
                    rewards.add(m.meanReward());
                }
                double last3 = rewards.subList(rewards.size() - 3, rewards.size()).stream()
                        .mapToDouble(Double::doubleValue).average().orElse(0);
                assertTrue(last3 >= 0.8 && last3 > firstReward, "reward rises from " + firstReward + " to " + rewards);
            }
        }
    }
}
