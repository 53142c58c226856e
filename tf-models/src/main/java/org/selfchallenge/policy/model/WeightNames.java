package org.selfchallenge.policy.model;

import org.selfchallenge.policy.config.LlamaConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/** Hugging Face weight names and shapes ([out, in] for linear layers) of a Llama-family config. */
public final class WeightNames {
    public static final String EMBED = "model.embed_tokens.weight";
    public static final String NORM = "model.norm.weight";
    public static final String LM_HEAD = "lm_head.weight";

    private WeightNames() {
    }

    public static String layer(int i, String suffix) {
        return "model.layers." + i + "." + suffix;
    }

    /** Every weight the config needs, in HF order, with its shape. */
    public static Map<String, long[]> shapes(LlamaConfig c) {
        Map<String, long[]> m = new LinkedHashMap<>();
        long d = c.hiddenSize;
        long q = (long) c.numHeads * c.headDim;
        long kv = (long) c.numKvHeads * c.headDim;
        m.put(EMBED, new long[]{c.vocabSize, d});
        for (int i = 0; i < c.numLayers; i++) {
            m.put(layer(i, "self_attn.q_proj.weight"), new long[]{q, d});
            if (c.qkvBias) {
                m.put(layer(i, "self_attn.q_proj.bias"), new long[]{q});
            }
            m.put(layer(i, "self_attn.k_proj.weight"), new long[]{kv, d});
            if (c.qkvBias) {
                m.put(layer(i, "self_attn.k_proj.bias"), new long[]{kv});
            }
            m.put(layer(i, "self_attn.v_proj.weight"), new long[]{kv, d});
            if (c.qkvBias) {
                m.put(layer(i, "self_attn.v_proj.bias"), new long[]{kv});
            }
            m.put(layer(i, "self_attn.o_proj.weight"), new long[]{d, q});
            if (c.oBias) {
                m.put(layer(i, "self_attn.o_proj.bias"), new long[]{d});
            }
            m.put(layer(i, "mlp.gate_proj.weight"), new long[]{c.intermediateSize, d});
            m.put(layer(i, "mlp.up_proj.weight"), new long[]{c.intermediateSize, d});
            m.put(layer(i, "mlp.down_proj.weight"), new long[]{d, c.intermediateSize});
            m.put(layer(i, "input_layernorm.weight"), new long[]{d});
            m.put(layer(i, "post_attention_layernorm.weight"), new long[]{d});
        }
        m.put(NORM, new long[]{d});
        if (!c.tieWordEmbeddings) {
            m.put(LM_HEAD, new long[]{c.vocabSize, d});
        }
        return m;
    }

    /** True for weights that get AdamW weight decay (matrices), false for norms and biases. */
    public static boolean decays(String name) {
        return !(name.endsWith("norm.weight") || name.endsWith(".bias"));
    }
}
