package org.selfchallenge.spark.component;

import org.selfchallenge.agent.Seeds;
import org.selfchallenge.policy.train.Algorithm;
import org.selfchallenge.policy.train.PolicyTrainer;
import org.selfchallenge.policy.train.TrainConfig;
import org.selfchallenge.policy.train.TrainMetrics;
import org.selfchallenge.policy.train.TrainSequence;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.io.LocalCopies;
import org.selfchallenge.spark.io.TrajectoryRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * One train stage on the TF Java trainer: trajectories → {@link TrainSequence}s (truncated to
 * {@code train.max-seq-len}; GRPO groups = the K samples of a task), {@code train.epochs} passes in a
 * seeded shuffled order, batches of {@code train.batch-size}, one optimizer step per batch; then the
 * Hugging Face export and the exact-resume training state.
 */
public final class PolicyTraining {
    private PolicyTraining() {
    }

    static Algorithm algorithm(String name) {
        return switch (name) {
            case "rft" -> Algorithm.RFT;
            case "distill" -> Algorithm.SFT;
            case "reinforce" -> Algorithm.REINFORCE;
            case "ppo" -> Algorithm.PPO;
            case "grpo" -> Algorithm.GRPO;
            default -> throw new IllegalArgumentException("unknown algorithm " + name);
        };
    }

    static TrainSequence sequence(TrajectoryRecord r, int maxLen) {
        // Keep the last maxLen tokens: the policy's own turns come after the long prompt.
        int from = Math.max(0, r.getTokens().length - maxLen);
        int n = r.getTokens().length - from;
        int[] tokens = java.util.Arrays.copyOfRange(r.getTokens(), from, from + n);
        boolean[] mask = new boolean[n];
        float[] lp = new float[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            mask[i] = r.getLossMask()[from + i] != 0;
            lp[i] = r.getBehaviourLogprobs()[from + i];
            any |= mask[i] && i > 0;
        }
        if (n < 2 || !any) {
            return null;
        }
        return TrainSequence.rollout(tokens, mask, lp, r.getReward(), r.getTaskId().hashCode());
    }

    public static org.selfchallenge.spark.component.TrainReport train(PipelineConfig cfg, Path policyIn,
            List<TrajectoryRecord> data, Path hfOut, Path stateOut, Components.TrainLog log, int threads) {
        long t0 = System.nanoTime();
        List<TrainSequence> seqs = new ArrayList<>();
        for (TrajectoryRecord r : data) {
            TrainSequence s = sequence(r, cfg.maxSeqLen);
            if (s != null) {
                seqs.add(s);
            }
        }
        TrainConfig tc = TrainConfig.builder().algorithm(algorithm(cfg.algorithm)).learningRate(cfg.learningRate)
                .weightDecay(cfg.weightDecay).maxGradNorm(cfg.gradClip).warmupSteps(cfg.warmupSteps)
                .microBatchSize(cfg.microBatchSize).recomputeLayers(cfg.recomputeLayers).xla(cfg.xla).clipEps(cfg.ppoClip)
                .klCoef(cfg.klCoef).seed(cfg.seed).device(cfg.trainDevice()).threads(threads, 1).lora(cfg.lora)
                .build();
        long steps = 0;
        long tokens = 0;
        double loss = Double.NaN;
        double rewardSum = 0;
        for (TrainSequence s : seqs) {
            rewardSum += s.reward();
        }
        try (PolicyTrainer t = PolicyTrainer.open(policyIn, tc)) {
            // The order derives from the run seed and the data's round, never from a path: a run trains the
            // same way wherever its files (or their local copies) live.
            int round = data.isEmpty() ? 0 : data.get(0).getRound();
            Random rnd = new Random(Seeds.named(cfg.seed, "train-order/round-" + round));
            for (int epoch = 0; epoch < cfg.epochs; epoch++) {
                List<TrainSequence> order = new ArrayList<>(seqs);
                Collections.shuffle(order, rnd);
                for (int i = 0; i < order.size(); i += cfg.batchSize) {
                    List<TrainSequence> batch = order.subList(i, Math.min(order.size(), i + cfg.batchSize));
                    TrainMetrics m = t.step(batch);
                    t.setDataCursor(t.dataCursor() + batch.size());
                    steps++;
                    tokens += m.tokens();
                    loss = m.loss();
                    log.scalar("train/loss", m.step(), m.loss());
                    log.scalar("train/grad_norm", m.step(), m.gradNorm());
                    log.scalar("train/lr", m.step(), m.lr());
                    log.scalar("train/mean_reward", m.step(), m.meanReward());
                    log.scalar("train/mean_logprob", m.step(), m.meanLogprob());
                    log.scalar("train/tokens_per_second", m.step(), m.tokensPerSecond());
                }
            }
            // With LoRA the state references the frozen base where it is stored, not this local copy.
            t.saveCheckpoint(stateOut, LocalCopies.source(policyIn));
            t.exportHf(hfOut);
        }
        return new org.selfchallenge.spark.component.TrainReport(null, seqs.size(), steps, loss,
                seqs.isEmpty() ? 0.0 : rewardSum / seqs.size(), tokens, (System.nanoTime() - t0) / 1e9);
    }
}
