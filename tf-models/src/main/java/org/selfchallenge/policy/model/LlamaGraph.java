package org.selfchallenge.policy.model;

import org.selfchallenge.policy.config.LlamaConfig;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Llama-family decoder as TF graph ops, weights held in resource variables named as in HF.
 * <pre>
 *   x = E[ids];  per layer: x += o(attn(rope(q(n1 x)), rope(k(n1 x)), v(n1 x)));  x += down(silu(gate(n2 x)) * up(n2 x))
 *   rms(x) = x / sqrt(mean(x^2) + eps) * w;   logits = rms(x) W_lm^T   (W_lm = E when tied)
 *   rope(x) = x cos(p f) + rotate_half(x) sin(p f),  rotate_half([a, b]) = [-b, a]
 *   attn: softmax(q k^T / sqrt(D) + bias) v, bias = 0 where key j is allowed (causal within the new block,
 *         all past keys, key mask 1, and for Mistral within the sliding window), -1e9 otherwise.
 *   GQA: query head h uses KV head h / (H / Hkv).
 * </pre>
 * Each weight is read once ({@link #read(String)}); every forward built on this graph uses the same reads,
 * so gradients are taken with respect to those reads. With {@link Lora} adapters every targeted projection
 * adds {@code s (x A^T) B^T} (A and B are variables like the weights), and {@link #merged(String)} gives
 * {@code W + s B A} for exports.
 */
public final class LlamaGraph {
    /** Additive attention bias for masked keys (exp underflows to exactly 0, no NaN for all-masked rows). */
    static final float MASK_BIAS = -1e9f;

    public final LlamaConfig config;
    public final Ops tf;
    private final Map<String, Operand<? extends TType>> handles = new LinkedHashMap<>();
    private final Map<String, Operand<TFloat32>> reads = new LinkedHashMap<>();
    private final Map<String, Placeholder<TFloat32>> loadInputs = new LinkedHashMap<>();
    private final List<Op> loadOps = new ArrayList<>();
    private final Map<String, long[]> shapes;
    private final Lora lora;
    private final Map<String, long[]> adapterShapes;
    private final Map<String, Operand<TFloat32>> merged = new LinkedHashMap<>();

    /**
     * Output of one forward pass: the final normed hidden states, the present K/V per layer, and the residual
     * stream x_0 (embeddings) … x_L (before the final norm), x_i being layer i's input.
     */
    public record Forward(Operand<TFloat32> hidden, List<Operand<TFloat32>> presentK,
                          List<Operand<TFloat32>> presentV, List<Operand<TFloat32>> residuals) {
    }

    /** What every layer of one forward shares: RoPE tables [B, 1, S, D], attention bias [B, 1, S, K], dims. */
    public record Prep(Operand<TFloat32> cos, Operand<TFloat32> sin, Operand<TFloat32> bias, Operand<TInt32> bDim,
                       Operand<TInt32> sDim, Operand<TInt32> kDim) {
    }

    /** One layer's output: the next residual stream and the present K/V ([B, Hkv, P + S, D]). */
    public record LayerOut(Operand<TFloat32> x, Operand<TFloat32> k, Operand<TFloat32> v) {
    }

    public LlamaGraph(Ops tf, LlamaConfig config) {
        this(tf, config, Lora.NONE);
    }

    public LlamaGraph(Ops tf, LlamaConfig config, Lora lora) {
        this.tf = tf;
        this.config = config;
        this.shapes = WeightNames.shapes(config);
        this.lora = lora;
        this.adapterShapes = lora.shapes(config);
        Map<String, long[]> all = new LinkedHashMap<>(shapes);
        all.putAll(adapterShapes);
        Ops vs = tf.withSubScope("weights");
        for (Map.Entry<String, long[]> e : all.entrySet()) {
            String name = e.getKey();
            Shape shape = Shape.of(e.getValue());
            Operand<? extends TType> h = vs.withName(name).varHandleOp(TFloat32.class, shape,
                    VarHandleOp.sharedName(name));
            handles.put(name, h);
            reads.put(name, vs.withName(name + ".read").readVariableOp(h, TFloat32.class));
            Placeholder<TFloat32> in = vs.withName(name + ".in").placeholder(TFloat32.class,
                    Placeholder.shape(shape));
            loadInputs.put(name, in);
            loadOps.add(vs.withName(name + ".assign").assignVariableOp(h, in));
        }
        for (String m : lora.modules(config)) {
            merged.put(m + ".weight", vs.withName(m + ".merged").math.add(read(m + ".weight"),
                    tf.math.mul(tf.linalg.matMul(read(Lora.b(m)), read(Lora.a(m))), tf.constant((float) lora.scale()))));
        }
    }

    /** The base model's weights (HF names and shapes). */
    public Map<String, long[]> shapes() {
        return shapes;
    }

    /** The adapters' weights (empty without adapters). */
    public Map<String, long[]> adapterShapes() {
        return adapterShapes;
    }

    public Lora lora() {
        return lora;
    }

    /** Base weight {@code name} with its adapter folded in (W + s B A), or its plain read when not adapted. */
    public Operand<TFloat32> merged(String name) {
        Operand<TFloat32> m = merged.get(name);
        return m != null ? m : read(name);
    }

    public Operand<TFloat32> read(String name) {
        Operand<TFloat32> r = reads.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no weight named " + name);
        }
        return r;
    }

    public Operand<? extends TType> handle(String name) {
        return handles.get(name);
    }

    public Map<String, Placeholder<TFloat32>> loadInputs() {
        return loadInputs;
    }

    public List<Op> loadOps() {
        return loadOps;
    }

    public Operand<TFloat32> lmHead() {
        return read(config.tieWordEmbeddings ? WeightNames.EMBED : WeightNames.LM_HEAD);
    }

    private Operand<TInt32> dims(Operand<?>... d) {
        List<Operand<TInt32>> l = new ArrayList<>();
        for (Operand<?> o : d) {
            @SuppressWarnings("unchecked") Operand<TInt32> x = (Operand<TInt32>) o;
            l.add(x);
        }
        return tf.stack(l);
    }

    Operand<TFloat32> linear(Operand<TFloat32> x2d, String prefix, boolean bias) {
        return linear(x2d, prefix, bias, true);
    }

    private Operand<TFloat32> linear(Operand<TFloat32> x2d, String prefix, boolean bias, boolean adapters) {
        Operand<TFloat32> y = tf.linalg.matMul(x2d, read(prefix + ".weight"), MatMul.transposeB(true));
        if (adapters && merged.containsKey(prefix + ".weight")) {
            // s (x A^T) B^T: two thin matmuls through rank r, never the [out, in] product B A
            Operand<TFloat32> xa = tf.linalg.matMul(x2d, read(Lora.a(prefix)), MatMul.transposeB(true));
            y = tf.math.add(y, tf.math.mul(tf.linalg.matMul(xa, read(Lora.b(prefix)), MatMul.transposeB(true)),
                    tf.constant((float) lora.scale())));
        }
        return bias ? tf.math.add(y, read(prefix + ".bias")) : y;
    }

    Operand<TFloat32> rmsNorm(Operand<TFloat32> x, String weight) {
        return tf.math.mul(rmsNormalize(x), read(weight));
    }

    /** x / sqrt(mean(x^2) + eps): RMSNorm before its weight. */
    Operand<TFloat32> rmsNormalize(Operand<TFloat32> x) {
        Operand<TFloat32> ms = tf.math.mean(tf.math.square(x), tf.constant(-1), Mean.keepDims(true));
        Operand<TFloat32> inv = tf.math.rsqrt(tf.math.add(ms, tf.constant((float) config.rmsNormEps)));
        return tf.math.mul(x, inv);
    }

    private Operand<TFloat32> rope(Operand<TFloat32> x, Operand<TFloat32> cos, Operand<TFloat32> sin) {
        int half = config.headDim / 2;
        Operand<TInt32> zero4 = tf.constant(new int[]{0, 0, 0, 0});
        Operand<TInt32> halfStart = tf.constant(new int[]{0, 0, 0, half});
        Operand<TInt32> size = tf.constant(new int[]{-1, -1, -1, half});
        Operand<TFloat32> x1 = tf.slice(x, zero4, size);
        Operand<TFloat32> x2 = tf.slice(x, halfStart, size);
        Operand<TFloat32> rot = tf.concat(List.of(tf.math.neg(x2), x1), tf.constant(-1));
        return tf.math.add(tf.math.mul(x, cos), tf.math.mul(rot, sin));
    }

    /**
     * Builds a forward pass.
     *
     * @param ids       [B, S] token ids of the new block
     * @param positions [B, S] absolute positions (RoPE)
     * @param keyMask   [B, P + S] 1 for keys that may be attended (past and new), 0 for padding
     * @param pastK     per layer [B, Hkv, P, D], or null for no cache (P = 0)
     * @param pastV     per layer [B, Hkv, P, D], or null
     * @return final normed hidden states [B, S, d] and the present K/V ([B, Hkv, P + S, D]) per layer
     */
    public Forward forward(Operand<TInt32> ids, Operand<TInt32> positions, Operand<TFloat32> keyMask,
                           List<Operand<TFloat32>> pastK, List<Operand<TFloat32>> pastV) {
        return forward(ids, positions, keyMask, pastK, pastV, true);
    }

    /** As above; {@code adapters} false leaves the LoRA adapters out (the frozen base alone). */
    public Forward forward(Operand<TInt32> ids, Operand<TInt32> positions, Operand<TFloat32> keyMask,
                           List<Operand<TFloat32>> pastK, List<Operand<TFloat32>> pastV, boolean adapters) {
        Operand<TFloat32> x = embed(ids);
        Prep p = prep(ids, positions, keyMask);
        List<Operand<TFloat32>> presentK = new ArrayList<>();
        List<Operand<TFloat32>> presentV = new ArrayList<>();
        List<Operand<TFloat32>> residuals = new ArrayList<>();
        for (int i = 0; i < config.numLayers; i++) {
            residuals.add(x);
            LayerOut out = layer(i, x, p, pastK == null ? null : pastK.get(i), pastV == null ? null : pastV.get(i),
                    adapters);
            presentK.add(out.k());
            presentV.add(out.v());
            x = out.x();
        }
        residuals.add(x);
        return new Forward(rmsNorm(x, WeightNames.NORM), presentK, presentV, residuals);
    }

    /** x_0 = E[ids]: [B, S, d]. */
    public Operand<TFloat32> embed(Operand<TInt32> ids) {
        return tf.gather(read(WeightNames.EMBED), ids, tf.constant(0));
    }

    /** RoPE tables and attention bias for a block of {@code ids} at {@code positions} over {@code keyMask}'s keys. */
    public Prep prep(Operand<TInt32> ids, Operand<TInt32> positions, Operand<TFloat32> keyMask) {
        LlamaConfig c = config;
        Operand<TInt32> idShape = tf.shape(ids);
        Operand<TInt32> bDim = tf.gather(idShape, tf.constant(0), tf.constant(0));
        Operand<TInt32> sDim = tf.gather(idShape, tf.constant(1), tf.constant(0));
        Operand<TInt32> kDim = tf.gather(tf.shape(keyMask), tf.constant(1), tf.constant(0));

        // RoPE tables [B, 1, S, D]
        Operand<TFloat32> invFreq = tf.constant(c.ropeInvFreq());
        Operand<TFloat32> freqs = tf.math.mul(tf.expandDims(tf.dtypes.cast(positions, TFloat32.class),
                tf.constant(-1)), invFreq);
        Operand<TFloat32> emb = tf.concat(List.of(freqs, freqs), tf.constant(-1));
        Operand<TFloat32> cosE = tf.math.cos(emb);
        Operand<TFloat32> sinE = tf.math.sin(emb);
        if (c.ropeAttentionScaling() != 1f) {
            // yarn: cos and sin times attention_factor (so q.k scales by its square)
            cosE = tf.math.mul(cosE, tf.constant(c.ropeAttentionScaling()));
            sinE = tf.math.mul(sinE, tf.constant(c.ropeAttentionScaling()));
        }
        Operand<TFloat32> cos = tf.expandDims(cosE, tf.constant(1));
        Operand<TFloat32> sin = tf.expandDims(sinE, tf.constant(1));

        // bias [B, 1, S, K]: causal within the new block (band: j - i <= P) and the key mask
        Operand<TInt64> past = tf.dtypes.cast(tf.math.sub(kDim, sDim), TInt64.class);
        Operand<TFloat32> ones = tf.fill(dims(sDim, kDim), tf.constant(1f));
        Operand<TFloat32> causal = tf.linalg.bandPart(ones, tf.constant(-1L), past);
        if (c.slidingWindow > 0) {
            // Mistral sliding window: query at cache slot P + i sees key slot j only when (P + i) - j < W
            // (left padding shifts slots and positions alike, so slot differences are position differences)
            Operand<TInt32> pastI = tf.math.sub(kDim, sDim);
            Operand<TInt32> qSlot = tf.expandDims(tf.math.add(tf.range(tf.constant(0), sDim, tf.constant(1)), pastI),
                    tf.constant(1));
            Operand<TInt32> kSlot = tf.expandDims(tf.range(tf.constant(0), kDim, tf.constant(1)), tf.constant(0));
            Operand<TFloat32> inWindow = tf.dtypes.cast(tf.math.less(tf.math.sub(qSlot, kSlot),
                    tf.constant(c.slidingWindow)), TFloat32.class);
            causal = tf.math.mul(causal, inWindow);
        }
        Operand<TFloat32> allowed = tf.math.mul(tf.expandDims(causal, tf.constant(0)),
                tf.expandDims(keyMask, tf.constant(1)));
        Operand<TFloat32> bias = tf.expandDims(tf.math.mul(tf.math.sub(allowed, tf.constant(1f)),
                tf.constant(-MASK_BIAS)), tf.constant(1));
        return new Prep(cos, sin, bias, bDim, sDim, kDim);
    }

    /**
     * Decoder layer {@code i}: x + attn(norm(x)), then + mlp(norm(·)).
     *
     * @param pastK [B, Hkv, P, D] cached keys of this layer, or null (P = 0); pastV likewise
     */
    public LayerOut layer(int i, Operand<TFloat32> x, Prep p, Operand<TFloat32> pastK, Operand<TFloat32> pastV,
                          boolean adapters) {
        LlamaConfig c = config;
        int h = c.numHeads;
        int hkv = c.numKvHeads;
        int hd = c.headDim;
        Operand<TInt32> bDim = p.bDim();
        Operand<TInt32> sDim = p.sDim();
        Operand<TInt32> kDim = p.kDim();
        Operand<TInt32> minus1 = tf.constant(-1);
        Operand<TFloat32> scale = tf.constant((float) (1.0 / Math.sqrt(hd)));
        Operand<TInt32> perm = tf.constant(new int[]{0, 2, 1, 3});
        Ops l = tf;
        Operand<TFloat32> hN = rmsNorm(x, WeightNames.layer(i, "input_layernorm.weight"));
        Operand<TFloat32> h2 = l.reshape(hN, l.constant(new int[]{-1, c.hiddenSize}));
        Operand<TFloat32> q = linear(h2, WeightNames.layer(i, "self_attn.q_proj"), c.qkvBias, adapters);
        Operand<TFloat32> k = linear(h2, WeightNames.layer(i, "self_attn.k_proj"), c.qkvBias, adapters);
        Operand<TFloat32> v = linear(h2, WeightNames.layer(i, "self_attn.v_proj"), c.qkvBias, adapters);
        q = l.linalg.transpose(l.reshape(q, dims(bDim, sDim, l.constant(h), l.constant(hd))), perm);
        k = l.linalg.transpose(l.reshape(k, dims(bDim, sDim, l.constant(hkv), l.constant(hd))), perm);
        v = l.linalg.transpose(l.reshape(v, dims(bDim, sDim, l.constant(hkv), l.constant(hd))), perm);
        q = rope(q, p.cos(), p.sin());
        k = rope(k, p.cos(), p.sin());
        if (pastK != null) {
            k = l.concat(List.of(pastK, k), l.constant(2));
            v = l.concat(List.of(pastV, v), l.constant(2));
        }
        // GQA without copying K/V: heads h = g*rep + r share KV head g; fold r into the query rows.
        Operand<TFloat32> qg = l.reshape(q, dims(bDim, l.constant(hkv), minus1, l.constant(hd)));
        Operand<TFloat32> scores = l.train.batchMatMul(qg, k, TFloat32.class, BatchMatMul.adjY(true));
        scores = l.reshape(scores, dims(bDim, l.constant(h), sDim, kDim));
        scores = l.math.add(l.math.mul(scores, scale), p.bias());
        Operand<TFloat32> probs = l.nn.softmax(scores);
        probs = l.reshape(probs, dims(bDim, l.constant(hkv), minus1, kDim));
        Operand<TFloat32> attn = l.train.batchMatMul(probs, v, TFloat32.class);
        attn = l.reshape(attn, dims(bDim, l.constant(h), sDim, l.constant(hd)));
        attn = l.reshape(l.linalg.transpose(attn, perm), l.constant(new int[]{-1, h * hd}));
        Operand<TFloat32> o = linear(attn, WeightNames.layer(i, "self_attn.o_proj"), c.oBias, adapters);
        x = l.math.add(x, l.reshape(o, dims(bDim, sDim, l.constant(c.hiddenSize))));

        Operand<TFloat32> m = rmsNorm(x, WeightNames.layer(i, "post_attention_layernorm.weight"));
        Operand<TFloat32> m2 = l.reshape(m, l.constant(new int[]{-1, c.hiddenSize}));
        Operand<TFloat32> gate = linear(m2, WeightNames.layer(i, "mlp.gate_proj"), false, adapters);
        Operand<TFloat32> up = linear(m2, WeightNames.layer(i, "mlp.up_proj"), false, adapters);
        Operand<TFloat32> act = l.math.mul(l.math.mul(gate, l.math.sigmoid(gate)), up);
        Operand<TFloat32> down = linear(act, WeightNames.layer(i, "mlp.down_proj"), false, adapters);
        x = l.math.add(x, l.reshape(down, dims(bDim, sDim, l.constant(c.hiddenSize))));
        return new LayerOut(x, k, v);
    }

    /** logits = hidden W_lm^T for hidden [N, d] → [N, V]. */
    public Operand<TFloat32> logits2d(Operand<TFloat32> hidden2d) {
        return tf.linalg.matMul(hidden2d, lmHead(), MatMul.transposeB(true));
    }
}
