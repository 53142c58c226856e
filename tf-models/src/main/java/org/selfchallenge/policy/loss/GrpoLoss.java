package org.selfchallenge.policy.loss;

import org.tensorflow.op.Ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GRPO (Shao et al. 2024): advantages normalised within each group of rollouts of the same prompt,
 * <pre>  A_i = (R_i - mean_{g(i)} R) / (std_{g(i)} R + eps)   (std with Bessel's correction; A_i = 0 for groups of one) </pre>
 * then the {@link PpoClipLoss} objective (clipped ratio against behaviour log-probs, optional k3 KL penalty).
 */
public final class GrpoLoss implements PolicyLoss {
    private final PpoClipLoss ppo;

    public GrpoLoss(double clipEps, double klCoef) {
        this.ppo = new PpoClipLoss(clipEps, klCoef);
    }

    @Override
    public boolean needsBehaviourLogprobs() {
        return true;
    }

    @Override
    public boolean needsReference() {
        return ppo.needsReference();
    }

    @Override
    public LossOutput build(Ops tf, LossInputs in) {
        return ppo.build(tf, in);
    }

    public static double[] advantages(double[] rewards, long[] groups, double eps) {
        Map<Long, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < rewards.length; i++) {
            byGroup.computeIfAbsent(groups[i], k -> new ArrayList<>()).add(i);
        }
        double[] a = new double[rewards.length];
        for (List<Integer> idx : byGroup.values()) {
            int n = idx.size();
            if (n < 2) {
                continue;
            }
            double mean = 0;
            for (int i : idx) {
                mean += rewards[i];
            }
            mean /= n;
            double ss = 0;
            for (int i : idx) {
                ss += (rewards[i] - mean) * (rewards[i] - mean);
            }
            double std = Math.sqrt(ss / (n - 1));
            for (int i : idx) {
                a[i] = (rewards[i] - mean) / (std + eps);
            }
        }
        return a;
    }
}
