package org.selfchallenge.policy.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.policy.TinyCheckpoints;
import org.selfchallenge.policy.train.Algorithm;
import org.selfchallenge.policy.train.PolicyTrainer;
import org.selfchallenge.policy.train.TrainConfig;
import org.selfchallenge.policy.train.TrainSequence;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused decode weights ({@link DecodeGraph}) are copies: after {@code loadWeights} and after an optimizer
 * step, decoding must follow the new weights. Reference: the full-sequence forward of the same session (itself
 * checked against PyTorch in GoldenModelTest), which reads the weight variables directly.
 */
class DecodeWeightsRefreshTest {
    @TempDir
    Path dir;

    static final int[] SEQ = {5, 17, 42, 9, 250, 3};

    @Test
    void decodeFollowsLoadedAndTrainedWeights() throws Exception {
        TinyCheckpoints.write(dir, TinyCheckpoints.config(300, 32, 2, 4, 2, false), 1, 0.02);
        TrainConfig cfg = TrainConfig.builder().algorithm(Algorithm.SFT).learningRate(1e-2).warmupSteps(0)
                .threads(1, 1).build();
        try (PolicyTrainer t = PolicyTrainer.open(dir, cfg)) {
            LlamaModel m = t.model();
            assertTrue(DecodeGraph.fusable(m.config), "tiny models decode with fused weights");
            float[] initial = decodeMatchesForward(m);

            m.loadWeights(RandomInit.weights(m.config, 2, 0.05));
            float[] loaded = decodeMatchesForward(m);
            assertTrue(maxAbsDiff(initial, loaded) > 1e-2, "loadWeights changed the logits");

            boolean[] mask = new boolean[SEQ.length];
            Arrays.fill(mask, 1, mask.length, true);
            t.step(List.of(TrainSequence.supervised(SEQ, mask)));
            float[] trained = decodeMatchesForward(m);
            assertTrue(maxAbsDiff(loaded, trained) > 1e-3, "the optimizer step changed the logits");
        }
    }

    /** Decodes SEQ one token at a time from an empty cache; returns the last step's logits. */
    private static float[] decodeMatchesForward(LlamaModel m) {
        float[][] full = m.logits(SEQ);
        KvCache cache = m.emptyCache(1);
        float[] last = null;
        try {
            for (int t = 0; t < SEQ.length; t++) {
                float[][] mask = {new float[t + 1]};
                Arrays.fill(mask[0], 1f);
                KvCache consumed = cache;
                LlamaModel.StepOutput so = m.step(new int[][]{{SEQ[t]}}, new int[][]{{t}}, mask, cache);
                consumed.close(); // already consumed by the step: closing it again must not touch the new cache
                cache = so.cache();
                last = so.lastLogits()[0];
                assertArrayEquals(full[t], last, (float) GoldenModelTest.LOGIT_TOL, "decode step " + t);
            }
        } finally {
            cache.close();
        }
        return last;
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
