package org.selfchallenge.policy.sample;

import org.selfchallenge.llm.SamplingParams;

import java.util.Arrays;

/**
 * Picks the next token from logits. Temperature 0 = greedy (lowest id among ties). Otherwise
 * p_i = softmax(logits / T), then top-k keeps the k most likely, top-p keeps the smallest most-likely prefix
 * whose mass reaches p (always at least one token), renormalises, and draws with the seeded RNG.
 * The reported log-prob is the model's own {@code log softmax(logits)[token]} at temperature 1 with no
 * filtering — the quantity the trainer recomputes, so PPO ratios start at exactly 1 for on-policy data.
 */
public final class Sampler {
    private Sampler() {
    }

    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /** log softmax(logits)[token], computed in double. */
    public static float logProb(float[] logits, int token) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        return (float) (logits[token] - max - Math.log(sum));
    }

    public static int sample(float[] logits, SamplingParams p, SplitMix64 rng) {
        if (p.temperature() <= 0) {
            return argmax(logits);
        }
        int v = logits.length;
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] prob = new double[v];
        double sum = 0;
        for (int i = 0; i < v; i++) {
            prob[i] = Math.exp((logits[i] - max) / p.temperature());
            sum += prob[i];
        }
        Integer[] order = new Integer[v];
        for (int i = 0; i < v; i++) {
            order[i] = i;
            prob[i] /= sum;
        }
        final double[] pr = prob;
        // stable: ties keep ascending id order
        Arrays.sort(order, (a, b) -> Double.compare(pr[b], pr[a]));
        int keep = v;
        if (p.topK() > 0) {
            keep = Math.min(keep, p.topK());
        }
        if (p.topP() < 1.0) {
            double acc = 0;
            int n = 0;
            while (n < keep) {
                acc += pr[order[n]];
                n++;
                if (acc >= p.topP()) {
                    break;
                }
            }
            keep = Math.max(1, n);
        }
        double mass = 0;
        for (int i = 0; i < keep; i++) {
            mass += pr[order[i]];
        }
        double u = rng.nextDouble() * mass;
        double acc = 0;
        for (int i = 0; i < keep; i++) {
            acc += pr[order[i]];
            if (u < acc) {
                return order[i];
            }
        }
        return order[keep - 1];
    }
}
