package org.selfchallenge.policy.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.policy.TinyCheckpoints;
import org.selfchallenge.policy.io.TensorData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Save a training checkpoint mid-run; the resumed run continues bit-identically to the uninterrupted one. */
class ResumeTest {
    @TempDir
    Path dir;

    static List<TrainSequence> batch(int step) {
        List<TrainSequence> b = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int len = 4 + (i + step) % 3;
            int[] toks = new int[len];
            boolean[] mask = new boolean[len];
            float[] lp = new float[len];
            for (int t = 0; t < len; t++) {
                toks[t] = (7 * t + 13 * i + 31 * step) % 40;
                mask[t] = t >= 2;
                lp[t] = -3.5f - 0.1f * t;
            }
            b.add(TrainSequence.rollout(toks, mask, lp, (i + step) % 2, i / 2));
        }
        return b;
    }

    @Test
    void resumeIsBitIdentical() throws Exception {
        Path ck = TinyCheckpoints.write(dir.resolve("init"), TinyCheckpoints.config(300, 32, 2, 4, 2, false), 5, 0.1);
        // everything that has state: AdamW moments, weight decay, warmup+cosine, clipping, accumulation
        // (5 sequences, micro-batches of 2), a KL reference
        TrainConfig cfg = TrainConfig.builder().algorithm(Algorithm.GRPO).klCoef(0.05).learningRate(3e-3)
                .weightDecay(0.1).warmupSteps(2).totalSteps(6).maxGradNorm(0.5).microBatchSize(2).seed(9)
                .threads(2, 1).build();
        List<Double> straight = new ArrayList<>();
        List<TensorData> finalStraight;
        Path mid = dir.resolve("mid");
        try (PolicyTrainer t = PolicyTrainer.open(ck, cfg)) {
            for (int s = 0; s < 6; s++) {
                if (s == 3) {
                    t.setDataCursor(3);
                    t.rng().nextLong();
                    t.saveCheckpoint(mid);
                }
                straight.add(t.step(batch(s)).loss());
            }
            finalStraight = t.model().weights();
        }
        try (PolicyTrainer r = PolicyTrainer.resume(mid)) {
            assertEquals(3, r.stepCount());
            assertEquals(3, r.dataCursor());
            SplitMixCheck.assertSameState(cfg.seed(), r);
            for (int s = (int) r.dataCursor(); s < 6; s++) {
                double l = r.step(batch(s)).loss();
                assertEquals(Double.doubleToLongBits(straight.get(s)), Double.doubleToLongBits(l), "loss at step " + s);
            }
            List<TensorData> fin = r.model().weights();
            for (int i = 0; i < fin.size(); i++) {
                assertArrayEquals(finalStraight.get(i).data(), fin.get(i).data(), 0f, fin.get(i).name());
            }
        }
    }

    /** The RNG state after one draw from the seed is what was saved. */
    static final class SplitMixCheck {
        static void assertSameState(long seed, PolicyTrainer r) {
            org.selfchallenge.policy.sample.SplitMix64 x = new org.selfchallenge.policy.sample.SplitMix64(seed);
            x.nextLong();
            assertEquals(x.state(), r.rng().state());
        }
    }
}
