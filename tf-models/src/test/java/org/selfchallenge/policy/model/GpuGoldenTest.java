package org.selfchallenge.policy.model;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.selfchallenge.policy.Goldens;
import org.selfchallenge.policy.train.Algorithm;
import org.selfchallenge.policy.train.PolicyTrainer;
import org.selfchallenge.policy.train.TrainConfig;
import org.selfchallenge.policy.train.TrainSequence;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The golden checks on /GPU:0 (needs the linux-x86_64-gpu TF native classifier and CUDA 12.5 + cuDNN 9;
 * excluded by default through the parent pom's excludedGroups=gpu).
 */
@Tag("gpu")
class GpuGoldenTest {
    @Test
    void logitsAndLossOnGpu() throws Exception {
        String name = "llama_gqa_rope3_bf16";
        JsonNode g = Goldens.golden(name);
        try (LlamaModel m = LlamaModel.load(Goldens.dir(name), new ModelOptions("/GPU:0", 0, 1))) {
            int[] ids = Goldens.ints(g.get("sequences").get(0).get("tokens"));
            float[][] logits = m.logits(ids);
            for (int t = 0; t < ids.length; t++) {
                assertArrayEquals(Goldens.floats(g.get("logits").get(0).get(t)), logits[t], 1e-4f);
            }
        }
        List<TrainSequence> batch = supervised(g);
        try (PolicyTrainer t = PolicyTrainer.open(Goldens.dir(name),
                TrainConfig.builder().algorithm(Algorithm.SFT).device("/GPU:0").build())) {
            double want = g.get("losses").get("nll").asDouble();
            assertEquals(want, t.evaluate(batch, List.of()).loss(), 1e-5 * Math.abs(want));
        }
    }

    /** The training graph compiled by XLA on the GPU (train.xla): loss and AdamW steps as without it. */
    @Test
    void xlaTrainingOnGpu() throws Exception {
        String name = "llama_gqa_rope3_bf16";
        JsonNode g = Goldens.golden(name);
        List<TrainSequence> batch = supervised(g);
        JsonNode a = g.get("adamw");
        try (PolicyTrainer t = PolicyTrainer.open(Goldens.dir(name), TrainConfig.builder().algorithm(Algorithm.RFT)
                .learningRate(a.get("lr").asDouble()).weightDecay(a.get("weight_decay").asDouble())
                .betas(a.get("beta1").asDouble(), a.get("beta2").asDouble()).adamEps(a.get("eps").asDouble())
                .maxGradNorm(a.get("max_norm").asDouble()).microBatchSize(2).device("/GPU:0").xla(true).build())) {
            double want = g.get("losses").get("nll").asDouble();
            assertEquals(want, t.evaluate(batch, List.of()).loss(), 1e-5 * Math.abs(want));
            for (int s = 0; s < a.get("steps").asInt(); s++) {
                double norm = a.get("grad_norms").get(s).asDouble();
                assertEquals(norm, t.step(batch).gradNorm(), 1e-5 * norm, "gradient norm, step " + s);
            }
        }
    }

    /** LoRA on the GPU: the adapted model's loss and an adapter gradient against make_lora_goldens.py. */
    @Test
    void loraLossAndAdapterGradientOnGpu() throws Exception {
        String name = "llama_lora";
        JsonNode g = Goldens.golden(name);
        List<TrainSequence> batch = supervised(g);
        String b = "model.layers.0.self_attn.q_proj.lora_B.weight";
        try (PolicyTrainer t = PolicyTrainer.open(Goldens.dir(name), Goldens.dir(name),
                TrainConfig.builder().algorithm(Algorithm.SFT).device("/GPU:0").build())) {
            PolicyTrainer.Evaluation e = t.evaluate(batch, List.of(b));
            assertEquals(g.get("nll").asDouble(), e.loss(), 1e-5);
            float[] want = Goldens.floats(g.get("gradients").get(b));
            float max = 0;
            for (float w : want) {
                max = Math.max(max, Math.abs(w));
            }
            assertArrayEquals(want, e.gradients().get(b), 1e-4f * max);
        }
    }

    private static List<TrainSequence> supervised(JsonNode g) {
        List<TrainSequence> batch = new ArrayList<>();
        for (JsonNode s : g.get("sequences")) {
            batch.add(TrainSequence.supervised(Goldens.ints(s.get("tokens")), Goldens.mask(s.get("mask"))));
        }
        return batch;
    }
}
