package org.selfchallenge.policy.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both generations of the rope fields, with transformers 5.18's precedence (what {@code AutoConfig} made of
 * each of these configs, checked by hand), inverse frequencies and yarn's attention factor bit for bit against
 * its {@code ROPE_INIT_FUNCTIONS}, and every field it would compute differently refused by name.
 */
class RopeTest {
    private static final String BASE = "\"vocab_size\": 64, \"hidden_size\": 32, \"intermediate_size\": 64, "
            + "\"num_hidden_layers\": 1, \"num_attention_heads\": 4, \"max_position_embeddings\": 100";

    static LlamaConfig cfg(String fields) {
        return LlamaConfig.parse("{\"model_type\": \"llama\", " + BASE + (fields.isEmpty() ? "" : ", " + fields) + "}");
    }

    static String error(String fields) {
        return assertThrows(IllegalArgumentException.class, () -> cfg(fields)).getMessage();
    }

    @Test
    void readsBothGenerationsWithTransformersPrecedence() {
        assertEquals(LlamaConfig.DEFAULT_ROPE_THETA, cfg("").ropeTheta);
        assertEquals(5e5, cfg("\"rope_theta\": 500000.0").ropeTheta);
        assertEquals(1e6, cfg("\"rope_parameters\": {\"rope_type\": \"default\", \"rope_theta\": 1000000.0}").ropeTheta);
        // the dict's theta first, then the top level's
        assertEquals(7.0, cfg("\"rope_theta\": 123.0, \"rope_parameters\": {\"rope_type\": \"default\", "
                + "\"rope_theta\": 7.0}").ropeTheta);
        assertEquals(123.0, cfg("\"rope_theta\": 123.0, \"rope_parameters\": {\"rope_type\": \"default\"}").ropeTheta);
        // rope_scaling replaces rope_parameters
        LlamaConfig both = cfg("\"rope_theta\": 123.0, \"rope_scaling\": {\"type\": \"linear\", \"factor\": 2.0}, "
                + "\"rope_parameters\": {\"rope_type\": \"default\", \"rope_theta\": 7.0}");
        assertEquals(123.0, both.ropeTheta);
        assertEquals(RopeScaling.linear(2.0), both.ropeScaling);
        assertNull(cfg("\"rope_scaling\": null, \"rope_parameters\": null, \"rope_theta\": 11.0").ropeScaling);
        // llama3 without original_max_position_embeddings takes max_position_embeddings
        LlamaConfig l3 = cfg("\"rope_parameters\": {\"rope_type\": \"llama3\", \"factor\": 8.0, \"low_freq_factor\": 1.0,"
                + " \"high_freq_factor\": 4.0, \"rope_theta\": 500000.0}");
        assertEquals(RopeScaling.llama3(8, 1, 4, 100), l3.ropeScaling);
        assertEquals("bfloat16", cfg("\"dtype\": \"bfloat16\", \"torch_dtype\": \"float16\"").torchDtype);
        assertEquals("float16", cfg("\"torch_dtype\": \"float16\"").torchDtype);
    }

    @Test
    void inverseFrequenciesAreTransformersBitForBit() {
        LlamaConfig l3 = cfg("\"head_dim\": 16, \"rope_parameters\": {\"rope_type\": \"llama3\", \"factor\": 8.0, "
                + "\"low_freq_factor\": 1.0, \"high_freq_factor\": 4.0, \"original_max_position_embeddings\": 16, "
                + "\"rope_theta\": 500000.0}");
        assertArrayEquals(bits(0x3f13786e, 0x3cc693b0, 0x3b9a08c8, 0x3a6ef74f, 0x39395d21, 0x380fc8f8, 0x36df10c4,
                0x35ad07a7), l3.ropeInvFreq());
        LlamaConfig linear = cfg("\"rope_parameters\": {\"rope_type\": \"linear\", \"factor\": 4.0, "
                + "\"rope_theta\": 20000.0}");
        assertArrayEquals(bits(0x3e800000, 0x3cac3731, 0x3ae7b46b, 0x391bdf2b), linear.ropeInvFreq());
        String two = "\"num_attention_heads\": 2";
        LlamaConfig yarn = LlamaConfig.parse(("{" + BASE + ", \"rope_parameters\": {\"rope_type\": \"yarn\", "
                + "\"factor\": 4.0, \"original_max_position_embeddings\": 16, \"rope_theta\": 1000000.0}}")
                .replace("\"num_attention_heads\": 4", two));
        assertArrayEquals(bits(0x3f800000, 0x3d361887, 0x3c0186e3, 0x3ab8449c, 0x3983126f, 0x383a7753, 0x3704a2b2,
                0x35bcb0c1), yarn.ropeInvFreq());
        assertEquals(Float.intBitsToFloat(1066516124), yarn.ropeAttentionScaling()); // 0.1 ln 4 + 1
        LlamaConfig options = LlamaConfig.parse(("{" + BASE + ", \"rope_parameters\": {\"rope_type\": \"yarn\", "
                + "\"factor\": 3.0, \"original_max_position_embeddings\": 32, \"rope_theta\": 50000.0, "
                + "\"beta_fast\": 16.0, \"beta_slow\": 2.0, \"truncate\": false, \"mscale\": 2.0, "
                + "\"mscale_all_dim\": 1.0}}").replace("\"num_attention_heads\": 4", two));
        assertArrayEquals(bits(0x3f800000, 0x3db089a7, 0x3cb69c56, 0x3bbce481, 0x3ac363ff, 0x39ca1cb6, 0x38d1109e,
                0x37d841c2), options.ropeInvFreq());
        assertEquals(Float.intBitsToFloat(1066183575), options.ropeAttentionScaling());
    }

    @Test
    void writesBothGenerationsThatReadBackTheSame() {
        LlamaConfig l3 = cfg("\"rope_theta\": 500000.0, \"rope_scaling\": {\"rope_type\": \"llama3\", \"factor\": 8.0, "
                + "\"low_freq_factor\": 1.0, \"high_freq_factor\": 4.0, \"original_max_position_embeddings\": 16}, "
                + "\"torch_dtype\": \"bfloat16\"");
        ObjectNode j = l3.toJson();
        assertEquals("{\"rope_type\":\"llama3\",\"factor\":8.0,\"low_freq_factor\":1.0,\"high_freq_factor\":4.0,"
                + "\"original_max_position_embeddings\":16,\"rope_theta\":500000.0}", j.get("rope_parameters").toString());
        assertEquals(500000.0, j.get("rope_theta").asDouble());
        assertEquals("llama3", j.get("rope_scaling").get("rope_type").asText());
        assertEquals("bfloat16", j.get("dtype").asText());
        assertEquals("bfloat16", j.get("torch_dtype").asText());
        j.remove("rope_scaling");
        j.remove("rope_theta");
        LlamaConfig back = LlamaConfig.parse(j.toString());
        assertEquals(l3.ropeScaling, back.ropeScaling);
        assertEquals(l3.ropeTheta, back.ropeTheta);
        ObjectNode plain = cfg("\"rope_theta\": 1000000.0").toJson();
        assertEquals("{\"rope_type\":\"default\",\"rope_theta\":1000000.0}", plain.get("rope_parameters").toString());
        assertTrue(!plain.has("rope_scaling"), plain.toString());
    }

    @Test
    void refusesWhatItDoesNotComputeNamingTheField() {
        assertEquals("config.json: rope_parameters.rope_type 'longrope' is not supported (supported: default, linear, "
                + "llama3, yarn)", error("\"rope_parameters\": {\"rope_type\": \"longrope\", \"short_factor\": [1.0], "
                + "\"long_factor\": [1.0]}"));
        assertEquals("config.json: rope_scaling.rope_type 'dynamic' is not supported (supported: default, linear, "
                + "llama3, yarn)", error("\"rope_scaling\": {\"type\": \"dynamic\", \"factor\": 2.0}"));
        assertEquals("config.json: rope_parameters.beta_fast is not supported for rope_type 'llama3'",
                error("\"rope_parameters\": {\"rope_type\": \"llama3\", \"factor\": 8.0, \"low_freq_factor\": 1.0, "
                        + "\"high_freq_factor\": 4.0, \"beta_fast\": 32}"));
        assertEquals("config.json: rope_parameters.low_freq_factor is required for rope_type 'llama3'",
                error("\"rope_parameters\": {\"rope_type\": \"llama3\", \"factor\": 8.0, \"high_freq_factor\": 4.0}"));
        assertEquals("config.json: rope_parameters.factor is required for rope_type 'linear'",
                error("\"rope_parameters\": {\"rope_type\": \"linear\"}"));
        assertEquals("config.json: rope_parameters.full_attention: rope parameters per layer type are not supported",
                error("\"rope_parameters\": {\"full_attention\": {\"rope_type\": \"default\"}}"));
        assertEquals("config.json: partial_rotary_factor 0.5 is not supported (only the full head is rotated)",
                error("\"rope_parameters\": {\"rope_type\": \"default\", \"partial_rotary_factor\": 0.5}"));
        assertEquals("config.json: partial_rotary_factor 0.25 is not supported (only the full head is rotated)",
                error("\"partial_rotary_factor\": 0.25"));
        assertEquals("config.json: rope_theta must be a positive number, got -5.0", error("\"rope_theta\": -5"));
        assertEquals("config.json: rope_parameters.rope_theta must be a finite number, got \"big\"",
                error("\"rope_parameters\": {\"rope_type\": \"default\", \"rope_theta\": \"big\"}"));
        assertEquals("config.json: rope_parameters must be an object, got \"llama3\"",
                error("\"rope_parameters\": \"llama3\""));
    }

    @Test
    void sizesAndConstantsAreValidatedBeforeAnyAllocation() {
        assertEquals("config.json: 'num_key_value_heads' must be a positive integer, got 0",
                error("\"num_key_value_heads\": 0"));
        assertEquals("config.json: rms_norm_eps must be a positive number, got -1.0E-5",
                error("\"rms_norm_eps\": -1e-5"));
        assertEquals("config.json: num_attention_heads 4 is not a multiple of num_key_value_heads 3",
                error("\"num_key_value_heads\": 3"));
        assertEquals("config.json: dtype 'int8' is not supported (supported: float32, bfloat16, float16)",
                error("\"dtype\": \"int8\""));
        assertTrue(error("\"quantization_config\": {\"quant_method\": \"bitsandbytes\"}")
                .startsWith("config.json: quantization_config is not supported"));
        assertEquals("config.json: layer_types entry \"sliding_attention\" is not supported (only full_attention)",
                assertThrows(IllegalArgumentException.class, () -> LlamaConfig.parse("{\"model_type\": \"qwen2\", "
                        + BASE + ", \"layer_types\": [\"full_attention\", \"sliding_attention\"]}")).getMessage());
    }

    private static float[] bits(int... b) {
        float[] f = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            f[i] = Float.intBitsToFloat(b[i]);
        }
        return f;
    }
}
