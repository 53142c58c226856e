package org.selfchallenge.policy.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.selfchallenge.policy.Goldens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every loss value and a few gradients against the PyTorch float64 reference (make_goldens.py). */
class GoldenLossTest {
    static final double LOSS_REL_TOL = 1e-5;
    static final double GRAD_TOL = 1e-5;

    /** xla: the same graph compiled by XLA auto-clustering, within the same tolerances. */
    record Case(String config, String loss, Algorithm algorithm, double klCoef, boolean xla) {
        Case(String config, String loss, Algorithm algorithm, double klCoef) {
            this(config, loss, algorithm, klCoef, false);
        }

        @Override
        public String toString() {
            return config + "/" + loss + (xla ? "/xla" : "");
        }
    }

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        for (String n : Goldens.NAMES) {
            c.add(new Case(n, "nll", Algorithm.RFT, 0));
            c.add(new Case(n, "reinforce", Algorithm.REINFORCE, 0));
            c.add(new Case(n, "ppo", Algorithm.PPO, 0));
            c.add(new Case(n, "ppo_kl", Algorithm.PPO, 0.1));
            c.add(new Case(n, "grpo", Algorithm.GRPO, 0.1));
            c.add(new Case(n, "grpo", Algorithm.GRPO, 0.1, true));
        }
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lossAndGradientsMatchPyTorch(Case k) throws Exception {
        JsonNode g = Goldens.golden(k.config());
        List<TrainSequence> batch = new ArrayList<>();
        float[][] ref = new float[g.get("sequences").size()][];
        int i = 0;
        for (JsonNode s : g.get("sequences")) {
            batch.add(TrainSequence.rollout(Goldens.ints(s.get("tokens")), Goldens.mask(s.get("mask")),
                    Goldens.floats(s.get("behaviour")), s.get("reward").asDouble(), s.get("group").asLong()));
            ref[i++] = Goldens.floats(s.get("reference"));
        }
        TrainConfig cfg = TrainConfig.builder().algorithm(k.algorithm()).klCoef(k.klCoef())
                .clipEps(g.get("clip_eps").asDouble()).grpoEps(g.get("grpo_eps").asDouble()).threads(2, 1).xla(k.xla()).build();
        JsonNode wantGrads = g.get("gradients").get(k.loss());
        List<String> names = new ArrayList<>();
        if (wantGrads != null) {
            wantGrads.fieldNames().forEachRemaining(names::add);
        }
        try (PolicyTrainer t = PolicyTrainer.open(Goldens.dir(k.config()), cfg)) {
            double[] adv = t.advantages(batch);
            JsonNode wantAdv = g.get(k.algorithm() == Algorithm.GRPO ? "advantages_grpo" : "advantages_reinforce");
            if (k.algorithm() != Algorithm.RFT) {
                for (int j = 0; j < adv.length; j++) {
                    assertEquals(wantAdv.get(j).asDouble(), adv[j], 1e-9, "advantage " + j);
                }
            }
            PolicyTrainer.Evaluation ev = t.evaluate(batch, names, ref);
            double want = g.get("losses").get(k.loss()).asDouble();
            // Relative to the loss's own magnitude, or for advantage-weighted losses (mean-zero advantages make
            // them near-cancelling sums) to the mean magnitude of the summed per-token terms, sum m|term|/sum m.
            double scale = Math.max(Math.abs(want), g.get("loss_scales").get(k.loss()).asDouble());
            double rel = Math.abs(ev.loss() - want) / scale;
            assertTrue(rel <= LOSS_REL_TOL, k + ": loss " + ev.loss() + " vs " + want + " (rel " + rel + ")");
            for (Map.Entry<String, float[]> e : ev.gradients().entrySet()) {
                assertArrayEquals(Goldens.floats(wantGrads.get(e.getKey())), e.getValue(), (float) GRAD_TOL,
                        k + " gradient " + e.getKey());
            }
        }
    }

    /** Unknown (NaN) behaviour log-probs count as on-policy: ratio 1, so PPO's loss is -sum_b A_b n_b / N. */
    @org.junit.jupiter.api.Test
    void nanBehaviourLogprobsMeanOnPolicy() throws Exception {
        String name = "qwen2_bias_tied";
        JsonNode g = Goldens.golden(name);
        List<TrainSequence> batch = new ArrayList<>();
        double num = 0;
        int tokens = 0;
        int i = 0;
        for (JsonNode s : g.get("sequences")) {
            int[] toks = Goldens.ints(s.get("tokens"));
            float[] nan = new float[toks.length];
            java.util.Arrays.fill(nan, Float.NaN);
            TrainSequence ts = TrainSequence.rollout(toks, Goldens.mask(s.get("mask")), nan,
                    s.get("reward").asDouble(), s.get("group").asLong());
            batch.add(ts);
            num += g.get("advantages_reinforce").get(i++).asDouble() * ts.trainableTokens();
            tokens += ts.trainableTokens();
        }
        try (PolicyTrainer t = PolicyTrainer.open(Goldens.dir(name),
                TrainConfig.builder().algorithm(Algorithm.PPO).threads(2, 1).build())) {
            assertEquals(-num / tokens, t.evaluate(batch, List.of()).loss(), 1e-6);
        }
    }
}
