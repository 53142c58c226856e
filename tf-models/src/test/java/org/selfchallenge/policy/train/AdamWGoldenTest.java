package org.selfchallenge.policy.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.selfchallenge.policy.Goldens;
import org.selfchallenge.policy.io.TensorData;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two optimizer steps (masked NLL, global-norm clipping active, AdamW with decoupled decay on matrices only,
 * gradients accumulated over two micro-batches) against torch.optim.AdamW + clip_grad_norm_ in make_goldens.py.
 */
class AdamWGoldenTest {
    @Test
    void matchesTorchAdamW() throws Exception {
        String name = "llama_gqa_rope3_bf16";
        JsonNode g = Goldens.golden(name);
        JsonNode a = g.get("adamw");
        List<TrainSequence> batch = new ArrayList<>();
        for (JsonNode s : g.get("sequences")) {
            batch.add(TrainSequence.supervised(Goldens.ints(s.get("tokens")), Goldens.mask(s.get("mask"))));
        }
        TrainConfig cfg = TrainConfig.builder().algorithm(Algorithm.RFT).learningRate(a.get("lr").asDouble())
                .weightDecay(a.get("weight_decay").asDouble()).betas(a.get("beta1").asDouble(), a.get("beta2").asDouble())
                .adamEps(a.get("eps").asDouble()).maxGradNorm(a.get("max_norm").asDouble()).microBatchSize(2)
                .threads(2, 1).build();
        try (PolicyTrainer t = PolicyTrainer.open(Goldens.dir(name), cfg)) {
            for (int s = 0; s < a.get("steps").asInt(); s++) {
                TrainMetrics m = t.step(batch);
                double want = a.get("grad_norms").get(s).asDouble();
                assertEquals(want, m.gradNorm(), 1e-5 * want, "pre-clip global gradient norm, step " + s);
                assertEquals(a.get("lr").asDouble(), m.lr(), 0.0);
            }
            for (TensorData w : t.model().weights()) {
                JsonNode want = a.get("weights_after").get(w.name());
                if (want != null) {
                    assertArrayEquals(Goldens.floats(want), w.data(), 2e-6f, w.name());
                }
            }
        }
    }
}
