package org.selfchallenge.policy.sample;

import org.junit.jupiter.api.Test;
import org.selfchallenge.llm.SamplingParams;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SamplerTest {
    static final float[] LOGITS = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.2)};

    static int[] counts(SamplingParams p, int n) {
        SplitMix64 rng = new SplitMix64(p.seed());
        int[] c = new int[3];
        for (int i = 0; i < n; i++) {
            c[Sampler.sample(LOGITS, p, rng)]++;
        }
        return c;
    }

    @Test
    void greedyAndLogProb() {
        assertEquals(0, Sampler.sample(LOGITS, SamplingParams.greedy(1), new SplitMix64(1)));
        // logits {0, ln 3}: p = 1/4, 3/4
        assertEquals(Math.log(0.25), Sampler.logProb(new float[]{0f, (float) Math.log(3)}, 0), 1e-6);
        assertEquals(Math.log(0.75), Sampler.logProb(new float[]{0f, (float) Math.log(3)}, 1), 1e-6);
    }

    @Test
    void topKTopPAndTemperature() {
        int n = 40000;
        int[] full = counts(new SamplingParams(1.0, 1.0, 0, 1, 7, List.of()), n);
        assertEquals(0.5, full[0] / (double) n, 0.01);
        assertEquals(0.3, full[1] / (double) n, 0.01);
        // top-k 2: {0.5, 0.3} renormalised → 0.625, 0.375
        int[] k2 = counts(new SamplingParams(1.0, 1.0, 2, 1, 7, List.of()), n);
        assertEquals(0, k2[2]);
        assertEquals(0.625, k2[0] / (double) n, 0.01);
        // top-p 0.6: 0.5 < 0.6, 0.5 + 0.3 >= 0.6 → the same two tokens
        int[] p6 = counts(new SamplingParams(1.0, 0.6, 0, 1, 7, List.of()), n);
        assertEquals(0, p6[2]);
        assertEquals(0.625, p6[0] / (double) n, 0.01);
        // top-p 0.5: the first token alone reaches 0.5
        int[] p5 = counts(new SamplingParams(1.0, 0.5, 0, 1, 7, List.of()), 1000);
        assertEquals(1000, p5[0]);
        // temperature 2: p ∝ sqrt(0.5), sqrt(0.3), sqrt(0.2)
        double z = Math.sqrt(0.5) + Math.sqrt(0.3) + Math.sqrt(0.2);
        int[] t2 = counts(new SamplingParams(2.0, 1.0, 0, 1, 7, List.of()), n);
        assertEquals(Math.sqrt(0.5) / z, t2[0] / (double) n, 0.01);
    }

    @Test
    void splitMix64MatchesReferenceSequence() {
        // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c): first output 0xE220A8397B1DCDAF
        SplitMix64 r = new SplitMix64(0);
        assertEquals(0xE220A8397B1DCDAFL, r.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, r.nextLong());
    }
}
