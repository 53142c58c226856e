package org.selfchallenge.policy.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.llm.ChatModel;
import org.selfchallenge.llm.ChatModelProvider;
import org.selfchallenge.llm.ChatRequest;
import org.selfchallenge.llm.Completion;
import org.selfchallenge.llm.Message;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.policy.TinyCheckpoints;
import org.selfchallenge.policy.model.LlamaModel;
import org.selfchallenge.policy.model.ModelOptions;
import org.selfchallenge.policy.tokenizer.PolicyTokenizer;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TfChatModelTest {
    @TempDir
    Path dir;

    @Test
    void batchedCompletionsMatchSingleOnesAndCarryModelLogprobs() throws Exception {
        TinyCheckpoints.write(dir, TinyCheckpoints.config(300, 32, 2, 4, 2, false), 11, 0.5);
        ChatModel cm = null;
        for (ChatModelProvider p : ServiceLoader.load(ChatModelProvider.class)) {
            Optional<ChatModel> m = p.open(dir.toString());
            if (m.isPresent()) {
                cm = m.get();
            }
        }
        assertNotNull(cm, "TfChatModelProvider is registered for checkpoint directories");
        try (ChatModel model = cm) {
            assertTrue(model.id().startsWith("tf:" + dir.toAbsolutePath().normalize() + "@"), model.id());
            ChatRequest a = new ChatRequest(List.of(Message.user("hi")), SamplingParams.greedy(8));
            ChatRequest b = new ChatRequest(List.of(Message.system("be terse"), Message.user("what is 2+3?")),
                    new SamplingParams(1.0, 0.9, 50, 8, 42L, List.of()));
            List<Completion> both = model.complete(List.of(a, b));
            Completion soloA = model.complete(a);
            Completion soloB = model.complete(b);
            assertArrayEquals(soloA.tokenIds(), both.get(0).tokenIds(), "batch-mates do not change results");
            assertArrayEquals(soloB.tokenIds(), both.get(1).tokenIds(), "seeded sampling is reproducible");
            assertEquals(8, both.get(0).tokenIds().length);
            // sampler log-probs equal the full-sequence forward's log-probs of the same tokens
            try (PolicyTokenizer tok = PolicyTokenizer.load(dir);
                 LlamaModel lm = LlamaModel.load(dir, ModelOptions.cpu())) {
                for (int r = 0; r < 2; r++) {
                    ChatRequest req = r == 0 ? a : b;
                    Completion c = both.get(r);
                    int[] prompt = tok.encode(tok.chatTemplate().render(req.messages(), true));
                    int[] seq = new int[prompt.length + c.tokenIds().length];
                    System.arraycopy(prompt, 0, seq, 0, prompt.length);
                    System.arraycopy(c.tokenIds(), 0, seq, prompt.length, c.tokenIds().length);
                    float[] lp = lm.tokenLogprobs(new int[][]{seq})[0];
                    for (int i = 0; i < c.tokenIds().length; i++) {
                        assertEquals(lp[prompt.length + i], c.logprobs()[i], 1e-4, "logprob " + i);
                    }
                }
            }
        }
    }

    @Test
    void aLocalCopyIsNamedByItsSourceWithTheSameFingerprint() throws Exception {
        TinyCheckpoints.write(dir, TinyCheckpoints.config(300, 32, 2, 4, 2, false), 11, 0.5);
        String source = "hdfs://nn:8020/run/round-1/train/checkpoint";
        try (TfChatModel local = TfChatModel.open(dir, ModelOptions.cpu());
             TfChatModel named = TfChatModel.open(dir, ModelOptions.cpu(), source)) {
            String fingerprint = local.id().substring(local.id().lastIndexOf('@'));
            assertEquals("tf:" + source + fingerprint, named.id());
        }
    }

    @Test
    void providerIgnoresOtherSpecs() {
        TfChatModelProvider p = new TfChatModelProvider();
        assertTrue(p.open("openai:http://localhost:1#m").isEmpty());
        assertTrue(p.open(dir.resolve("missing").toString()).isEmpty());
    }
}
