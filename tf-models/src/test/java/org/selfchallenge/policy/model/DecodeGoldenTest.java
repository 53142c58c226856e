package org.selfchallenge.policy.model;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.selfchallenge.policy.Goldens;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The one-token decode graph ({@link DecodeGraph}) against the PyTorch float64 reference logits: prefill a
 * prefix, then feed the rest of each golden sequence one token at a time through the KV cache; every step's
 * logits must match the reference row of that position (GQA, Qwen2 biases, llama3 RoPE scaling, head_dim,
 * and a sliding window of 3 that the later steps cross).
 */
class DecodeGoldenTest {
    static List<String> names() {
        return Goldens.NAMES;
    }

    @ParameterizedTest
    @MethodSource("names")
    void fusedDecodeStepsMatchPyTorch(String name) throws Exception { // small caches: the one-concat variant
        decodeStepsMatchPyTorch(name, true, DecodeGraph.DEFAULT_RECENT_BLOCK, DecodeGraph.DEFAULT_SMALL_CACHE);
    }

    @ParameterizedTest
    @MethodSource("names")
    void unfusedSmallCacheDecodeStepsMatchPyTorch(String name) throws Exception {
        decodeStepsMatchPyTorch(name, false, DecodeGraph.DEFAULT_RECENT_BLOCK, DecodeGraph.DEFAULT_SMALL_CACHE);
    }

    /** Recent K/V blocks of 2: the cache's two parts are merged every other step. */
    @ParameterizedTest
    @MethodSource("names")
    void fusedDecodeStepsWithMergesMatchPyTorch(String name) throws Exception {
        decodeStepsMatchPyTorch(name, true, 2, 0);
    }

    /** A cache that outgrows the one-concat variant (100 floats: a few positions) mid-sequence. */
    @ParameterizedTest
    @MethodSource("names")
    void decodeStepsAcrossVariantsMatchPyTorch(String name) throws Exception {
        decodeStepsMatchPyTorch(name, true, 2, 100);
    }

    @ParameterizedTest
    @MethodSource("names")
    void unfusedDecodeStepsMatchPyTorch(String name) throws Exception {
        decodeStepsMatchPyTorch(name, false, 3, 0);
    }

    /** A multi-token step (prefill graph) on a cache whose recent part is not yet merged. */
    @ParameterizedTest
    @MethodSource("names")
    void multiTokenStepAfterDecodeStepsMatchesPyTorch(String name) throws Exception {
        JsonNode g = Goldens.golden(name);
        int[] seq = Goldens.ints(g.get("sequences").get(0).get("tokens"));
        int n = seq.length;
        try (LlamaModel m = LlamaModel.load(Goldens.dir(name), new ModelOptions("/CPU:0", 1, 1), true, 4, 0)) {
            float[][] mask = new float[1][n];
            Arrays.fill(mask[0], 1f);
            KvCache cache = m.emptyCache(1);
            for (int t = 0; t < n - 2; t++) { // single steps (merged at 4): the last ones stay in the recent part
                cache = m.step(new int[][]{{seq[t]}}, new int[][]{{t}}, trim(mask, t + 1), cache).cache();
            }
            LlamaModel.StepOutput so = m.step(new int[][]{{seq[n - 2], seq[n - 1]}}, new int[][]{{n - 2, n - 1}},
                    mask, cache);
            so.cache().close();
            assertEquals(n, so.cache().length);
            checkRows(g, name, new int[]{0}, so.lastLogits(), n - 1);
        }
    }

    private static void decodeStepsMatchPyTorch(String name, boolean fused, int recentBlock, long smallCache)
            throws Exception {
        JsonNode g = Goldens.golden(name);
        int n = g.get("logits").size(); // sequences with reference logits
        int[][] seqs = new int[n][];
        for (int s = 0; s < n; s++) {
            seqs[s] = Goldens.ints(g.get("sequences").get(s).get("tokens"));
        }
        try (LlamaModel m = LlamaModel.load(Goldens.dir(name), new ModelOptions("/CPU:0", 1, 1), fused,
                recentBlock, smallCache)) {
            for (int prefix : new int[]{1, 2}) { // prefix 1: even the first step goes through the decode graph
                for (int s = 0; s < n; s++) {
                    decodeAndCheck(m, g, name, new int[]{s}, seqs, prefix, seqs[s].length);
                }
            }
            // batched: all sequences together up to the shortest length
            int[] all = new int[n];
            int minLen = Integer.MAX_VALUE;
            for (int s = 0; s < n; s++) {
                all[s] = s;
                minLen = Math.min(minLen, seqs[s].length);
            }
            decodeAndCheck(m, g, name, all, seqs, 2, minLen);
        }
    }

    private static void decodeAndCheck(LlamaModel m, JsonNode g, String name, int[] rows, int[][] seqs, int prefix,
                                       int end) {
        int b = rows.length;
        int[][] ids = new int[b][prefix];
        int[][] pos = new int[b][prefix];
        float[][] mask = new float[b][end];
        for (int r = 0; r < b; r++) {
            for (int t = 0; t < prefix; t++) {
                ids[r][t] = seqs[rows[r]][t];
                pos[r][t] = t;
            }
            Arrays.fill(mask[r], 1f);
        }
        LlamaModel.StepOutput so = m.step(ids, pos, trim(mask, prefix), m.emptyCache(b));
        KvCache cache = so.cache();
        try {
            for (int t = prefix; t < end; t++) {
                checkRows(g, name, rows, so.lastLogits(), t - 1);
                int[][] next = new int[b][1];
                int[][] np = new int[b][1];
                for (int r = 0; r < b; r++) {
                    next[r][0] = seqs[rows[r]][t];
                    np[r][0] = t;
                }
                so = m.step(next, np, trim(mask, t + 1), cache);
                cache = so.cache();
                assertEquals(t + 1, cache.length);
            }
            checkRows(g, name, rows, so.lastLogits(), end - 1);
        } finally {
            cache.close();
        }
    }

    private static void checkRows(JsonNode g, String name, int[] rows, float[][] logits, int t) {
        for (int r = 0; r < rows.length; r++) {
            assertArrayEquals(Goldens.floats(g.get("logits").get(rows[r]).get(t)), logits[r],
                    (float) GoldenModelTest.LOGIT_TOL, name + " decode seq " + rows[r] + " pos " + t);
        }
    }

    private static float[][] trim(float[][] mask, int w) {
        float[][] out = new float[mask.length][];
        for (int i = 0; i < mask.length; i++) {
            out[i] = Arrays.copyOf(mask[i], w);
        }
        return out;
    }
}
