package org.selfchallenge.policy.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.policy.TinyCheckpoints;
import org.selfchallenge.policy.sample.Generation;
import org.selfchallenge.policy.sample.Generator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Learning sanity: SFT fits a mapping; policy gradient moves a two-armed bandit to the rewarded arm. */
class TrainerSanityTest {
    @TempDir
    Path dir;

    static final int PROMPT = 5;
    static final int ARM_A = 10;
    static final int ARM_B = 11;

    /** f(x) = (7x + 3) mod 16 + 16: a bijection the model has to memorise. */
    static int target(int x) {
        return (7 * x + 3) % 16 + 16;
    }

    @Test
    void sftDrivesLossNearZero() throws Exception {
        TinyCheckpoints.write(dir, TinyCheckpoints.config(300, 32, 1, 4, 2, true), 1, 0.02);
        List<TrainSequence> batch = new ArrayList<>();
        for (int x = 0; x < 16; x++) {
            batch.add(TrainSequence.supervised(new int[]{x, target(x)}, new boolean[]{false, true}));
        }
        TrainConfig cfg = TrainConfig.builder().algorithm(Algorithm.SFT).learningRate(1e-2).warmupSteps(5)
                .totalSteps(150).microBatchSize(8).threads(2, 1).build();
        try (PolicyTrainer t = PolicyTrainer.open(dir, cfg)) {
            double first = t.step(batch).loss();
            double last = first;
            for (int s = 1; s < 150; s++) {
                last = t.step(batch).loss();
            }
            assertTrue(first > 5.0, "starts near ln(300) = 5.7: " + first);
            assertTrue(last < 0.05, "SFT loss near zero after 150 steps: " + last);
        }
    }

    static double probA(PolicyTrainer t) {
        float[][] lp = t.model().tokenLogprobs(new int[][]{{PROMPT, ARM_A}});
        return Math.exp(lp[0][1]);
    }

    void bandit(Algorithm algo) throws Exception {
        TinyCheckpoints.write(dir, TinyCheckpoints.config(300, 32, 1, 4, 2, true), 2, 0.02);
        TrainConfig warm = TrainConfig.builder().algorithm(Algorithm.SFT).learningRate(1e-2).threads(2, 1).build();
        // warm start: both arms equally likely (SFT on both answers)
        try (PolicyTrainer t = PolicyTrainer.open(dir, warm)) {
            List<TrainSequence> both = List.of(
                    TrainSequence.supervised(new int[]{PROMPT, ARM_A}, new boolean[]{false, true}),
                    TrainSequence.supervised(new int[]{PROMPT, ARM_B}, new boolean[]{false, true}));
            for (int s = 0; s < 60; s++) {
                t.step(both);
            }
            t.exportHf(dir);
        }
        TrainConfig rl = TrainConfig.builder().algorithm(algo).learningRate(2e-2).microBatchSize(16).seed(3)
                .threads(2, 1).build();
        try (PolicyTrainer t = PolicyTrainer.open(dir, rl)) {
            double p0 = probA(t);
            assertTrue(p0 > 0.3 && p0 < 0.7, "warm start is a fair two-armed bandit: " + p0);
            Generator gen = new Generator(t.model(), Set.of(), null);
            for (int step = 0; step < 25; step++) {
                List<int[]> prompts = new ArrayList<>();
                List<SamplingParams> ps = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    prompts.add(new int[]{PROMPT});
                    ps.add(new SamplingParams(1.0, 1.0, 0, 1, step * 100L + i, List.of()));
                }
                List<Generation> outs = gen.generate(prompts, ps);
                List<TrainSequence> batch = new ArrayList<>();
                for (Generation g : outs) {
                    int arm = g.tokens()[0];
                    batch.add(TrainSequence.rollout(new int[]{PROMPT, arm}, new boolean[]{false, true},
                            new float[]{0f, g.logprobs()[0]}, arm == ARM_A ? 1.0 : 0.0, 0L));
                }
                t.step(batch);
            }
            double p1 = probA(t);
            assertTrue(p1 > 0.9, algo + " moves probability to the rewarded arm: " + p0 + " -> " + p1);
        }
    }

    @Test
    void reinforceBandit() throws Exception {
        bandit(Algorithm.REINFORCE);
    }

    @Test
    void grpoBandit() throws Exception {
        bandit(Algorithm.GRPO);
    }
}
