package org.selfchallenge.policy.model;

import org.junit.jupiter.api.Test;
import org.selfchallenge.policy.config.LlamaConfig;
import org.selfchallenge.policy.io.TensorData;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoraTest {
    /** Llama-3.1-8B's shapes: hidden 4096, MLP 14336, 32 layers, 32 query heads, 8 KV heads of 128. */
    static final LlamaConfig LLAMA_8B = LlamaConfig.parse("{\"model_type\": \"llama\", \"vocab_size\": 128256, "
            + "\"hidden_size\": 4096, \"intermediate_size\": 14336, \"num_hidden_layers\": 32, "
            + "\"num_attention_heads\": 32, \"num_key_value_heads\": 8, \"rms_norm_eps\": 1e-5}");

    @Test
    void rsLoraScaleAndTrainConfigsSavedBeforeIt() throws Exception {
        assertEquals(8.0 / 3, new Lora(9, 8, List.of("q_proj"), true).scale(), 1e-15);
        assertEquals(8.0 / 9, new Lora(9, 8, List.of("q_proj")).scale(), 1e-15);
        // a training checkpoint's train_config written before rsLoRA existed
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(new Lora(4, 8, List.of("q_proj")),
                json.readValue("{\"rank\": 4, \"alpha\": 8.0, \"targets\": [\"q_proj\"]}", Lora.class));
        Lora rs = new Lora(4, 8, List.of("q_proj"), true);
        assertEquals(rs, json.readValue(json.writeValueAsString(rs), Lora.class));
    }

    @Test
    void adapterShapesOfLlama8B() {
        Map<String, long[]> s = Lora.allProjections(16).shapes(LLAMA_8B);
        assertEquals(32 * 7 * 2, s.size());
        assertArrayEquals(new long[]{16, 4096}, s.get("model.layers.0.self_attn.q_proj.lora_A.weight"));
        assertArrayEquals(new long[]{4096, 16}, s.get("model.layers.0.self_attn.q_proj.lora_B.weight"));
        assertArrayEquals(new long[]{1024, 16}, s.get("model.layers.31.self_attn.k_proj.lora_B.weight"));
        assertArrayEquals(new long[]{16, 14336}, s.get("model.layers.5.mlp.down_proj.lora_A.weight"));
        assertArrayEquals(new long[]{14336, 16}, s.get("model.layers.5.mlp.up_proj.lora_B.weight"));
        long params = s.values().stream().mapToLong(x -> x[0] * x[1]).sum();
        // per layer r (in + out) over q, k, v, o, gate, up, down
        long perLayer = 16L * ((4096 + 4096) + (4096 + 1024) + (4096 + 1024) + (4096 + 4096)
                + 3 * (4096 + 14336));
        assertEquals(32 * perLayer, params);
        assertEquals(41_943_040L, params);
    }

    @Test
    void targetsPickModulesInLayerOrder() {
        Lora l = new Lora(4, 8, List.of("v_proj", "q_proj"));
        LlamaConfig c = LlamaConfig.parse("{\"model_type\": \"llama\", \"vocab_size\": 10, \"hidden_size\": 8, "
                + "\"intermediate_size\": 16, \"num_hidden_layers\": 2, \"num_attention_heads\": 2, "
                + "\"num_key_value_heads\": 1}");
        assertEquals(List.of("model.layers.0.self_attn.q_proj", "model.layers.0.self_attn.v_proj",
                "model.layers.1.self_attn.q_proj", "model.layers.1.self_attn.v_proj"), l.modules(c));
        assertEquals(8.0 / 4, l.scale());
        assertTrue(l.enabled());
        assertFalse(Lora.NONE.enabled());
        assertTrue(Lora.NONE.shapes(c).isEmpty());
    }

    @Test
    void initialAIsUniformWithinOneOverRootInAndBIsZero() {
        LlamaConfig c = LlamaConfig.parse("{\"model_type\": \"llama\", \"vocab_size\": 10, \"hidden_size\": 16, "
                + "\"intermediate_size\": 64, \"num_hidden_layers\": 1, \"num_attention_heads\": 2, "
                + "\"num_key_value_heads\": 2}");
        Map<String, TensorData> w = Lora.allProjections(4).initialWeights(c, 7);
        float[] aDown = w.get("model.layers.0.mlp.down_proj.lora_A.weight").data(); // in = 64
        float[] aQ = w.get("model.layers.0.self_attn.q_proj.lora_A.weight").data(); // in = 16
        double maxDown = 0;
        for (float v : aDown) {
            maxDown = Math.max(maxDown, Math.abs(v));
        }
        double maxQ = 0;
        for (float v : aQ) {
            maxQ = Math.max(maxQ, Math.abs(v));
        }
        assertTrue(maxDown <= 1 / Math.sqrt(64) && maxDown > 0.5 / Math.sqrt(64), "max |A| " + maxDown);
        assertTrue(maxQ <= 1 / Math.sqrt(16) && maxQ > 0.5 / Math.sqrt(16), "max |A| " + maxQ);
        for (Map.Entry<String, TensorData> e : w.entrySet()) {
            if (e.getKey().endsWith("lora_B.weight")) {
                assertArrayEquals(new float[e.getValue().data().length], e.getValue().data(), 0f, e.getKey());
            }
        }
        // the seed fixes every value
        assertArrayEquals(aQ, Lora.allProjections(4).initialWeights(c, 7)
                .get("model.layers.0.self_attn.q_proj.lora_A.weight").data(), 0f);
    }

    @Test
    void badSettingsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Lora(-1, 8, List.of("q_proj")))
                .getMessage().contains("rank"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Lora(4, 0, List.of("q_proj")))
                .getMessage().contains("alpha"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Lora(4, 8, List.of()))
                .getMessage().contains("target"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Lora(4, 8, List.of("qkv_proj")))
                .getMessage().contains("qkv_proj"));
    }
}
