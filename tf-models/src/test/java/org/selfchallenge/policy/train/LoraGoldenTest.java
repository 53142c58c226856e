package org.selfchallenge.policy.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.policy.Goldens;
import org.selfchallenge.policy.io.HfCheckpoint;
import org.selfchallenge.policy.io.TensorData;
import org.selfchallenge.policy.model.Lora;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A PEFT adapter (non-zero A and B on q/v/down projections) on a base checkpoint, against the float64
 * PyTorch reference of make_lora_goldens.py (adapted weights as W + alpha/r B A, autograd, torch.optim.AdamW
 * + clip_grad_norm_ on the adapters alone): log-probs, masked NLL and its adapter gradients, two optimizer
 * steps, and the merged weights the export writes.
 */
class LoraGoldenTest {
    private static final String NAME = "llama_lora";

    @TempDir
    Path dir;

    private static List<TrainSequence> batch(JsonNode g) {
        List<TrainSequence> b = new ArrayList<>();
        for (JsonNode s : g.get("sequences")) {
            b.add(TrainSequence.supervised(Goldens.ints(s.get("tokens")), Goldens.mask(s.get("mask"))));
        }
        return b;
    }

    private static TrainConfig.Builder cfg(JsonNode a) {
        return TrainConfig.builder().algorithm(Algorithm.SFT).learningRate(a.get("lr").asDouble())
                .weightDecay(a.get("weight_decay").asDouble()).betas(a.get("beta1").asDouble(), a.get("beta2").asDouble())
                .adamEps(a.get("eps").asDouble()).maxGradNorm(a.get("max_norm").asDouble()).microBatchSize(2)
                .threads(2, 1);
    }

    @Test
    void adaptedForwardLossAndGradientsMatchTorch() throws Exception {
        JsonNode g = Goldens.golden(NAME);
        Path d = Goldens.dir(NAME);
        try (PolicyTrainer t = PolicyTrainer.open(d, d, cfg(g.get("adamw")).build())) {
            assertEquals(new Lora(4, 8, List.of("q_proj", "v_proj", "down_proj")), t.config().lora());
            List<TrainSequence> batch = batch(g);
            for (int i = 0; i < batch.size(); i++) {
                float[] got = t.model().tokenLogprobs(new int[][]{batch.get(i).tokens()})[0];
                assertArrayEquals(Goldens.floats(g.get("token_logprobs").get(i)), got, 2e-5f, "sequence " + i);
            }
            List<String> names = new ArrayList<>();
            g.get("gradients").fieldNames().forEachRemaining(names::add);
            PolicyTrainer.Evaluation e = t.evaluate(batch, names);
            assertEquals(g.get("nll").asDouble(), e.loss(), 1e-5);
            for (String n : names) {
                float[] want = Goldens.floats(g.get("gradients").get(n));
                float max = 0;
                for (float w : want) {
                    max = Math.max(max, Math.abs(w));
                }
                assertArrayEquals(want, e.gradients().get(n), 1e-4f * max, n);
            }
        }
    }

    @Test
    void twoAdamWStepsOnTheAdaptersAndTheMergedExportMatchTorch() throws Exception {
        JsonNode g = Goldens.golden(NAME);
        JsonNode a = g.get("adamw");
        Path d = Goldens.dir(NAME);
        Path out = dir.resolve("export");
        try (PolicyTrainer t = PolicyTrainer.open(d, d, cfg(a).build())) {
            for (int s = 0; s < a.get("steps").asInt(); s++) {
                double want = a.get("grad_norms").get(s).asDouble();
                assertEquals(want, t.step(batch(g)).gradNorm(), 1e-5 * want, "pre-clip adapter gradient norm, step " + s);
            }
            for (TensorData w : t.model().adapterWeights()) {
                JsonNode want = a.get("adapters_after").get(w.name());
                if (want != null) {
                    assertArrayEquals(Goldens.floats(want), w.data(), 2e-6f, w.name());
                }
            }
            t.exportHf(out);
        }
        Map<String, TensorData> exported = HfCheckpoint.readWeights(out);
        a.get("merged_after").fields().forEachRemaining(e ->
                assertArrayEquals(Goldens.floats(e.getValue()), exported.get(e.getKey()).data(), 2e-6f, e.getKey()));
    }

    @Test
    void anAdapterThatDisagreesWithTheConfigIsRefused() {
        Path d = Goldens.dir(NAME);
        TrainConfig other = TrainConfig.builder().lora(Lora.allProjections(4)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyTrainer.open(d, d, other));
        assertTrue(e.getMessage().contains("the training config asks for"), e.getMessage());
        UncheckedIOException missing = assertThrows(UncheckedIOException.class,
                () -> PolicyTrainer.open(d, dir, TrainConfig.builder().build()));
        assertTrue(missing.getMessage().contains("adapter_config.json"), missing.getMessage());
    }
}
