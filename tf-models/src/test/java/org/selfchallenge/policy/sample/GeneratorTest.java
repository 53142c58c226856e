package org.selfchallenge.policy.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.policy.TinyCheckpoints;
import org.selfchallenge.policy.model.LlamaModel;
import org.selfchallenge.policy.model.ModelOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Long batched generations (138 KV-cache decode steps, left-padded rows) agree with the full-sequence forward:
 * every generated token's log-prob equals the full forward's, and greedy tokens are the full forward's argmax.
 */
class GeneratorTest {
    @TempDir
    Path dir;

    @Test
    void cachedDecodingAgreesWithFullForward() throws Exception {
        TinyCheckpoints.write(dir, TinyCheckpoints.config(300, 32, 2, 4, 2, false), 21, 0.3);
        int n = 138;
        try (LlamaModel m = LlamaModel.load(dir, ModelOptions.cpu())) {
            List<int[]> prompts = List.of(new int[]{5, 17, 99}, new int[]{1, 2, 3, 4, 5, 6, 7});
            List<Generation> gens = new Generator(m, Set.of(), null).generate(prompts,
                    List.of(SamplingParams.greedy(n), new SamplingParams(1.0, 1.0, 0, n, 3L, List.of())));
            for (int r = 0; r < 2; r++) {
                int[] p = prompts.get(r);
                Generation g = gens.get(r);
                assertEquals(n, g.tokens().length);
                int[] seq = new int[p.length + n];
                System.arraycopy(p, 0, seq, 0, p.length);
                System.arraycopy(g.tokens(), 0, seq, p.length, n);
                float[] lp = m.tokenLogprobs(new int[][]{seq})[0];
                for (int i = 0; i < n; i++) {
                    assertEquals(lp[p.length + i], g.logprobs()[i], 1e-4, "row " + r + " token " + i);
                }
                if (r == 0) {
                    float[][] logits = m.logits(seq);
                    for (int i = 0; i < n; i++) {
                        assertEquals(Sampler.argmax(logits[p.length + i - 1]), g.tokens()[i], "greedy token " + i);
                    }
                }
            }
        }
    }
}
