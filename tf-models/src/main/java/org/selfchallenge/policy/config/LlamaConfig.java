package org.selfchallenge.policy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Hugging Face {@code config.json} of the Llama family: {@code llama}, {@code qwen2}, {@code mistral}.
 * Qwen2 has biases on q/k/v projections; Llama's {@code attention_bias} puts biases on q/k/v/o.
 * The raw JSON is kept so that saving writes back every field the user had.
 */
public final class LlamaConfig {
    public static final double DEFAULT_ROPE_THETA = 10000.0;
    public static final double DEFAULT_RMS_EPS = 1e-6;
    private static final ObjectMapper JSON = new ObjectMapper();

    public final String modelType;
    public final int vocabSize;
    public final int hiddenSize;
    public final int intermediateSize;
    public final int numLayers;
    public final int numHeads;
    public final int numKvHeads;
    public final int headDim;
    public final double rmsNormEps;
    public final double ropeTheta;
    public final RopeScaling ropeScaling;
    /** The rope as read (theta, scaling and the dict written back). */
    public final Rope rope;
    public final boolean tieWordEmbeddings;
    /** Bias on q, k, v projections (Qwen2, or Llama attention_bias). */
    public final boolean qkvBias;
    /** Bias on the o projection (Llama attention_bias only). */
    public final boolean oBias;
    public final int maxPositionEmbeddings;
    public final List<Integer> eosTokenIds;
    public final Integer bosTokenId;
    public final String torchDtype;
    /** Mistral's sliding attention window (0 = full causal attention). */
    public final int slidingWindow;
    private final ObjectNode raw;

    private LlamaConfig(ObjectNode n) {
        this.raw = n;
        this.modelType = n.path("model_type").asText("llama");
        if (!List.of("llama", "qwen2", "mistral").contains(modelType)) {
            throw new IllegalArgumentException("config.json: unsupported model_type '" + modelType
                    + "' (supported: llama, qwen2, mistral)");
        }
        this.vocabSize = requiredInt(n, "vocab_size");
        this.hiddenSize = requiredInt(n, "hidden_size");
        this.intermediateSize = requiredInt(n, "intermediate_size");
        this.numLayers = requiredInt(n, "num_hidden_layers");
        this.numHeads = requiredInt(n, "num_attention_heads");
        this.numKvHeads = n.hasNonNull("num_key_value_heads") ? requiredInt(n, "num_key_value_heads") : numHeads;
        if (!n.hasNonNull("head_dim") && hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException("config.json: hidden_size " + hiddenSize
                    + " is not a multiple of num_attention_heads " + numHeads + " (and no head_dim is given)");
        }
        this.headDim = n.hasNonNull("head_dim") ? requiredInt(n, "head_dim") : hiddenSize / numHeads;
        this.rmsNormEps = n.hasNonNull("rms_norm_eps") ? n.get("rms_norm_eps").asDouble(Double.NaN) : DEFAULT_RMS_EPS;
        if (!(rmsNormEps > 0) || Double.isInfinite(rmsNormEps)) {
            throw new IllegalArgumentException("config.json: rms_norm_eps must be a positive number, got "
                    + n.get("rms_norm_eps"));
        }
        this.maxPositionEmbeddings = n.hasNonNull("max_position_embeddings")
                ? requiredInt(n, "max_position_embeddings") : 4096;
        this.rope = Rope.parse(n, maxPositionEmbeddings);
        this.ropeTheta = rope.theta();
        this.ropeScaling = rope.scaling();
        this.tieWordEmbeddings = n.path("tie_word_embeddings").asBoolean(false);
        boolean attentionBias = n.path("attention_bias").asBoolean(false);
        this.qkvBias = "qwen2".equals(modelType) || attentionBias;
        this.oBias = !"qwen2".equals(modelType) && attentionBias;
        // transformers >= 4.56 writes "dtype" and, given both, reads it before the older "torch_dtype"
        this.torchDtype = n.hasNonNull("dtype") ? n.get("dtype").asText() : n.path("torch_dtype").asText("float32");
        if (!List.of("float32", "bfloat16", "float16", "auto").contains(torchDtype)) {
            throw new IllegalArgumentException("config.json: dtype '" + torchDtype
                    + "' is not supported (supported: float32, bfloat16, float16)");
        }
        if ("mistral".equals(modelType) && n.hasNonNull("sliding_window")) {
            this.slidingWindow = n.get("sliding_window").asInt();
        } else {
            this.slidingWindow = 0;
        }
        if ("qwen2".equals(modelType) && n.path("use_sliding_window").asBoolean(false)) {
            throw new IllegalArgumentException("config.json: qwen2 use_sliding_window=true is not supported");
        }
        if ("qwen2".equals(modelType) && n.path("layer_types").isArray()) {
            n.get("layer_types").forEach(t -> {
                if (!"full_attention".equals(t.asText())) {
                    throw new IllegalArgumentException("config.json: layer_types entry " + t
                            + " is not supported (only full_attention)");
                }
            });
        }
        if (n.hasNonNull("quantization_config")) {
            throw new IllegalArgumentException("config.json: quantization_config is not supported "
                    + "(quantized weights); give a float32, bfloat16 or float16 checkpoint");
        }
        this.bosTokenId = n.hasNonNull("bos_token_id") ? n.get("bos_token_id").asInt() : null;
        List<Integer> eos = new ArrayList<>();
        JsonNode e = n.get("eos_token_id");
        if (e != null && e.isArray()) {
            e.forEach(x -> eos.add(x.asInt()));
        } else if (e != null && e.isNumber()) {
            eos.add(e.asInt());
        }
        this.eosTokenIds = List.copyOf(eos);
        String act = n.path("hidden_act").asText("silu");
        if (!"silu".equals(act)) {
            throw new IllegalArgumentException("config.json: unsupported hidden_act '" + act + "' (only silu)");
        }
        if (n.path("mlp_bias").asBoolean(false)) {
            throw new IllegalArgumentException("config.json: mlp_bias=true is not supported");
        }
        if (numHeads % numKvHeads != 0) {
            throw new IllegalArgumentException("config.json: num_attention_heads " + numHeads
                    + " is not a multiple of num_key_value_heads " + numKvHeads);
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("config.json: head_dim must be even, got " + headDim);
        }
    }

    private static int requiredInt(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.canConvertToInt() || v.asInt() <= 0) {
            throw new IllegalArgumentException("config.json: '" + key + "' must be a positive integer, got " + v);
        }
        return v.asInt();
    }

    public static LlamaConfig parse(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (!(n instanceof ObjectNode o)) {
                throw new IllegalArgumentException("config.json: not a JSON object");
            }
            return new LlamaConfig(o);
        } catch (IOException e) {
            throw new IllegalArgumentException("config.json: malformed JSON: " + e.getMessage(), e);
        }
    }

    public static LlamaConfig load(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /**
     * A copy of the original JSON (unknown fields preserved) with the rope and dtype written in both
     * generations of the format, so that transformers 5 and older readers see the same numerics.
     */
    public ObjectNode toJson() {
        ObjectNode out = raw.deepCopy();
        rope.writeTo(out);
        if (!"auto".equals(torchDtype)) {
            out.put("dtype", torchDtype);
            out.put("torch_dtype", torchDtype);
        }
        return out;
    }

    public void save(Path file) throws IOException {
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson()) + "\n");
    }

    /** RoPE inverse frequencies 1/theta^(2i/d), i &lt; d/2, with the configured scaling (float32, as transformers). */
    public float[] ropeInvFreq() {
        float[] pos = RopeScaling.positionFrequencies(ropeTheta, headDim);
        float[] f = new float[pos.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = 1f / pos[i];
        }
        return ropeScaling == null ? f : ropeScaling.apply(f, ropeTheta, headDim);
    }

    /** The factor on the rope's cos and sin tables (yarn's attention_factor; 1 otherwise). */
    public float ropeAttentionScaling() {
        return ropeScaling == null ? 1f : ropeScaling.attentionScaling();
    }

    /** Number of weights (parameters). */
    public long parameterCount() {
        long d = hiddenSize;
        long attn = d * numHeads * headDim * 2L + d * numKvHeads * headDim * 2L;
        if (qkvBias) {
            attn += (long) numHeads * headDim + 2L * numKvHeads * headDim;
        }
        if (oBias) {
            attn += d;
        }
        long mlp = 3L * d * intermediateSize;
        long perLayer = attn + mlp + 2 * d;
        long emb = (long) vocabSize * d * (tieWordEmbeddings ? 1 : 2);
        return perLayer * numLayers + emb + d;
    }
}
