package org.selfchallenge.policy.model;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.policy.Goldens;
import org.selfchallenge.policy.sample.Generation;
import org.selfchallenge.policy.sample.Generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Logits, per-token log-probs and greedy decoding against the PyTorch float64 reference. */
class GoldenModelTest {
    static final double LOGIT_TOL = 1e-4;

    static List<String> names() {
        return Goldens.NAMES;
    }

    @ParameterizedTest
    @MethodSource("names")
    void matchesPyTorch(String name) throws Exception {
        JsonNode g = Goldens.golden(name);
        try (LlamaModel m = LlamaModel.load(Goldens.dir(name), new ModelOptions("/CPU:0", 2, 1))) {
            for (int s = 0; s < g.get("logits").size(); s++) {
                int[] ids = Goldens.ints(g.get("sequences").get(s).get("tokens"));
                float[][] logits = m.logits(ids);
                JsonNode want = g.get("logits").get(s);
                for (int t = 0; t < ids.length; t++) {
                    assertArrayEquals(Goldens.floats(want.get(t)), logits[t], (float) LOGIT_TOL,
                            name + " logits seq " + s + " pos " + t);
                }
            }
            int n = g.get("sequences").size();
            int[][] seqs = new int[n][];
            for (int s = 0; s < n; s++) {
                seqs[s] = Goldens.ints(g.get("sequences").get(s).get("tokens"));
            }
            float[][] lp = m.tokenLogprobs(seqs); // batched, right-padded, variable lengths
            for (int s = 0; s < n; s++) {
                assertArrayEquals(Goldens.floats(g.get("token_logprobs").get(s)), lp[s], (float) LOGIT_TOL,
                        name + " logprobs seq " + s);
            }
            // batched greedy decoding with left padding and the KV cache vs full recomputation in PyTorch
            List<int[]> prompts = new ArrayList<>();
            g.get("greedy_prompts").forEach(p -> prompts.add(Goldens.ints(p)));
            List<Generation> out = new Generator(m, Set.of(), null).generate(prompts,
                    List.of(SamplingParams.greedy(6), SamplingParams.greedy(6)));
            for (int i = 0; i < prompts.size(); i++) {
                assertArrayEquals(Goldens.ints(g.get("greedy_tokens").get(i)), out.get(i).tokens(),
                        name + " greedy " + i);
                assertEquals("length", out.get(i).finishReason());
            }
        }
    }
}
