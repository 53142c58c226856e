package org.selfchallenge.policy.model;

import org.selfchallenge.policy.config.LlamaConfig;
import org.selfchallenge.policy.io.TensorData;
import org.selfchallenge.policy.sample.SplitMix64;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Low-rank adapters (Hu et al. 2021, "LoRA") on the decoder's linear projections: the base weight W stays
 * frozen and each targeted projection learns a rank-r update.
 * <pre>
 *   y = x W^T + s (x A^T) B^T,   A [r, in], B [out, r],   s = alpha / r   (rsLoRA: s = alpha / sqrt r)
 *   merged weight (what an export writes): W' = W + s B A
 *   init: A ~ U(-1/sqrt(in), 1/sqrt(in)),  B = 0   (so training starts exactly at the base model)
 * </pre>
 * Why: full fine-tuning keeps gradient accumulators and two AdamW moments per weight, 16 bytes per
 * parameter in FP32, about 128 GB for an 8B model, more than one 80 GB GPU holds. With adapters the frozen
 * base costs 4 bytes per parameter and the optimizer state only covers the adapters (r = 16 on all seven
 * projections of Llama-3.1-8B: 41.9M parameters, 0.5 GB of state).
 *
 * <p>Adapter weights are named as PEFT names them relative to the base model
 * ({@code model.layers.0.self_attn.q_proj.lora_A.weight}); PEFT's files add {@value #PEFT_PREFIX}.
 *
 * <p>rsLoRA (Kalajdzievski 2023, PEFT's {@code use_rslora}) divides by sqrt r instead of r, so that the
 * update's scale does not shrink as the rank grows.
 *
 * @param rank    r; 0 = no adapters (full fine-tuning)
 * @param alpha   the scale numerator: s = alpha / r, or alpha / sqrt r with {@code rslora}
 * @param targets projection names ({@link #PROJECTIONS}) that get adapters, in every layer
 * @param rslora  rank-stabilised scaling
 */
public record Lora(int rank, double alpha, List<String> targets, boolean rslora) implements Serializable {
    /** Every linear projection of a Llama decoder layer, in HF order, with its module path. */
    public static final Map<String, String> PROJECTIONS = projections();
    public static final double DEFAULT_ALPHA = 32;
    public static final Lora NONE = new Lora(0, DEFAULT_ALPHA, List.of());
    /** What PEFT puts before the base model's weight names in {@code adapter_model.safetensors}. */
    public static final String PEFT_PREFIX = "base_model.model.";

    public Lora {
        targets = targets == null ? List.of() : List.copyOf(targets);
        if (rank < 0) {
            throw new IllegalArgumentException("LoRA rank must be >= 0 (0 = no adapters): " + rank);
        }
        if (rank > 0) {
            if (!(alpha > 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("LoRA alpha must be a positive number: " + alpha);
            }
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("LoRA needs at least one target projection (of "
                        + PROJECTIONS.keySet() + ")");
            }
            for (String t : targets) {
                if (!PROJECTIONS.containsKey(t)) {
                    throw new IllegalArgumentException("unknown LoRA target '" + t + "' (known: "
                            + PROJECTIONS.keySet() + ")");
                }
            }
        }
    }

    /** Plain LoRA scaling (s = alpha / r). */
    public Lora(int rank, double alpha, List<String> targets) {
        this(rank, alpha, targets, false);
    }

    /** Rank r on every projection, alpha {@value #DEFAULT_ALPHA}. */
    public static Lora allProjections(int rank) {
        return new Lora(rank, DEFAULT_ALPHA, List.copyOf(PROJECTIONS.keySet()));
    }

    public boolean enabled() {
        return rank > 0;
    }

    /** s = alpha / r, or alpha / sqrt r for rsLoRA. */
    public double scale() {
        return rslora ? alpha / Math.sqrt(rank) : alpha / rank;
    }

    public static String a(String module) {
        return module + ".lora_A.weight";
    }

    public static String b(String module) {
        return module + ".lora_B.weight";
    }

    /** The adapted modules' paths ({@code model.layers.i.self_attn.q_proj}), layer by layer, in HF order. */
    public List<String> modules(LlamaConfig c) {
        if (!enabled()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.numLayers; i++) {
            for (Map.Entry<String, String> p : PROJECTIONS.entrySet()) {
                if (targets.contains(p.getKey())) {
                    out.add(WeightNames.layer(i, p.getValue()));
                }
            }
        }
        return out;
    }

    /** Adapter weight names and shapes: A [r, in] and B [out, r] per adapted module. */
    public Map<String, long[]> shapes(LlamaConfig c) {
        Map<String, long[]> base = WeightNames.shapes(c);
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String m : modules(c)) {
            long[] w = base.get(m + ".weight"); // [out, in]
            out.put(a(m), new long[]{rank, w[1]});
            out.put(b(m), new long[]{w[0], rank});
        }
        return out;
    }

    /**
     * Starting adapters: A ~ U(-1/sqrt(in), 1/sqrt(in)) (PEFT's default, Kaiming-uniform with a = sqrt 5),
     * drawn in name order from SplitMix64({@code seed}); B = 0.
     */
    public Map<String, TensorData> initialWeights(LlamaConfig c, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : shapes(c).entrySet()) {
            long[] shape = e.getValue();
            float[] d = new float[Math.toIntExact(shape[0] * shape[1])];
            if (e.getKey().endsWith(".lora_A.weight")) {
                double bound = 1 / Math.sqrt(shape[1]);
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
                }
            }
            out.put(e.getKey(), new TensorData(e.getKey(), shape, d));
        }
        return out;
    }

    private static Map<String, String> projections() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : List.of("q_proj", "k_proj", "v_proj", "o_proj")) {
            m.put(p, "self_attn." + p);
        }
        for (String p : List.of("gate_proj", "up_proj", "down_proj")) {
            m.put(p, "mlp." + p);
        }
        return Collections.unmodifiableMap(m);
    }
}
