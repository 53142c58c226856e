package org.selfchallenge.policy.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfchallenge.policy.model.Lora;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fail-closed reading of adapter_config.json: every option that changes the numerics is refused by name. */
class PeftAdapterTest {
    /** adapter_config.json as peft 0.21 writes it for plain LoRA (every other option off). */
    static final String PEFT_0_21 = "{\"alora_invocation_tokens\": null, \"alpha_pattern\": {}, \"arrow_config\": null,"
            + " \"auto_mapping\": {\"base_model_class\": \"LlamaForCausalLM\"}, \"base_model_name_or_path\": null,"
            + " \"bias\": \"none\", \"corda_config\": null, \"ensure_weight_tying\": false, \"eva_config\": null,"
            + " \"exclude_modules\": null, \"fan_in_fan_out\": false, \"inference_mode\": true,"
            + " \"init_lora_weights\": true, \"kasa_config\": null, \"layer_replication\": null,"
            + " \"layers_pattern\": null, \"layers_to_transform\": null, \"loftq_config\": {}, \"lora_alpha\": 8,"
            + " \"lora_bias\": false, \"lora_dropout\": 0.05, \"lora_ga_config\": null, \"megatron_config\": null,"
            + " \"megatron_core\": \"megatron.core\", \"modules_to_save\": null, \"monteclora_config\": null,"
            + " \"peft_type\": \"LORA\", \"peft_version\": \"0.21.0\", \"qalora_group_size\": 16, \"r\": 4,"
            + " \"rank_pattern\": {}, \"revision\": null, \"target_modules\": [\"v_proj\", \"q_proj\"],"
            + " \"target_parameters\": null, \"task_type\": \"CAUSAL_LM\", \"trainable_token_indices\": null,"
            + " \"use_bdlora\": null, \"use_dora\": false, \"use_qalora\": false, \"use_rslora\": false,"
            + " \"velora_config\": null}";

    @TempDir
    Path dir;

    private Path adapter(String config, String... tensors) throws IOException {
        Files.writeString(dir.resolve(PeftAdapter.CONFIG), config);
        List<TensorData> t = new java.util.ArrayList<>();
        for (String n : tensors) {
            t.add(new TensorData(n, new long[]{1, 1}, new float[]{0.5f}));
        }
        Safetensors.write(dir.resolve(PeftAdapter.WEIGHTS), t, DType.F32, Map.of());
        return dir;
    }

    private String refused(String config) {
        return assertThrows(IOException.class, () -> PeftAdapter.read(adapter(config,
                "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"))).getMessage();
    }

    private static String with(String field, String value) {
        return PEFT_0_21.replaceFirst("\"" + field + "\": [^,]*(,|})", "\"" + field + "\": " + value + "$1");
    }

    @Test
    void readsWhatPeftWritesForPlainLoraAndRsLora() throws IOException {
        String q = "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight";
        PeftAdapter a = PeftAdapter.read(adapter(PEFT_0_21, q));
        assertEquals(new Lora(4, 8, List.of("v_proj", "q_proj"), false), a.lora());
        assertEquals(List.of("model.layers.0.self_attn.q_proj.lora_A.weight"), List.copyOf(a.weights().keySet()));
        assertEquals(2.0, a.lora().scale());
        PeftAdapter rs = PeftAdapter.read(adapter(with("use_rslora", "true"), q));
        assertEquals(new Lora(4, 8, List.of("v_proj", "q_proj"), true), rs.lora());
        assertEquals(4.0, rs.lora().scale()); // alpha / sqrt(r)
        assertEquals(new Lora(4, 8, List.of("v_proj", "q_proj")),
                PeftAdapter.read(adapter(with("init_lora_weights", "\"gaussian\""), q)).lora());
    }

    @Test
    void refusesEveryOptionItDoesNotComputeNamingTheField() {
        for (String[] c : new String[][]{
                {"use_dora", "true"}, {"rank_pattern", "{\"q_proj\": 2}"}, {"alpha_pattern", "{\"v_proj\": 16}"},
                {"modules_to_save", "[\"lm_head\"]"}, {"layers_to_transform", "[0]"}, {"lora_bias", "true"},
                {"fan_in_fan_out", "true"}, {"use_qalora", "true"}, {"layer_replication", "[[0, 1]]"},
                {"trainable_token_indices", "[5]"}, {"exclude_modules", "[\"q_proj\"]"}}) {
            String msg = refused(with(c[0], c[1]));
            assertTrue(msg.contains(": " + c[0] + " = " + c[1].replace(" ", "") + " is not supported"), c[0] + ": " + msg);
        }
        // an option of a peft newer than this reader
        assertTrue(refused(PEFT_0_21.replace("{\"alora", "{\"use_future_trick\": true, \"alora"))
                .contains("use_future_trick = true is not supported"));
        assertTrue(refused(with("init_lora_weights", "\"pissa\""))
                .contains("init_lora_weights = \"pissa\" is not supported (it changes the base weights"));
        assertTrue(refused(PEFT_0_21.replace("[\"v_proj\", \"q_proj\"]", "\"all-linear\""))
                .contains("target_modules must be a list of projection names, got \"all-linear\""));
        assertTrue(refused(with("use_rslora", "\"yes\"")).contains("use_rslora must be true or false"));
    }

    @Test
    void refusesTensorsThatAreNotTheTargetsAB() {
        String msg = assertThrows(IOException.class, () -> PeftAdapter.read(adapter(PEFT_0_21,
                "base_model.model.model.layers.0.self_attn.q_proj.lora_magnitude_vector"))).getMessage();
        assertTrue(msg.contains("tensor 'base_model.model.model.layers.0.self_attn.q_proj.lora_magnitude_vector' is not "
                + "the lora_A or lora_B of a target projection"), msg);
        msg = assertThrows(IOException.class, () -> PeftAdapter.read(adapter(PEFT_0_21,
                "base_model.model.model.layers.0.mlp.down_proj.lora_A.weight"))).getMessage();
        assertTrue(msg.contains("mlp.down_proj.lora_A.weight' is not the lora_A or lora_B of a target projection "
                + "[v_proj, q_proj]"), msg);
    }
}
