package org.selfchallenge.policy.model;

import org.selfchallenge.policy.config.LlamaConfig;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.SplitV;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

import java.util.ArrayList;
import java.util.List;

/**
 * The one-token decode step (S = 1 after a KV cache of P tokens): {@link LlamaGraph#forward} specialised to a
 * single query. On CPU a decode step of a small model costs ~1-2 us of executor and kernel-call overhead per
 * graph node, far more than its FLOPs, so this graph is built for few nodes (~50 per layer fused, ~67 unfused,
 * against ~110 in the general forward):
 * <pre>
 *   static shapes: S = 1, only the batch is -1, so no Shape/Gather/Pack arithmetic per layer
 *   bias [B, 1, 1, P + 1] is fed, built in Java: bias_j = (allowed_j - 1) * 1e9 with
 *       allowed_j = keyMask_j * [P - j &lt; W]  (one query sees every past key: no causal band)
 *   fused (models up to FUSE_MAX_PARAMS duplicated weights): decode-only copies, refreshed when the weights change,
 *       W_qkv = [W_q; W_k; W_v] diag(g_in),  W_gu = [W_gate; W_up] diag(g_post),  W_lm' = W_lm diag(g_final)
 *       so rms(x) g W^T = (x / sqrt(mean(x^2) + eps)) (W diag(g))^T: one product for q|k|v, one for gate|up
 *   y = [q | k | v] as [B, H + 2 Hkv, 1, D], roped at once:  rope(y) = y * cos' + swap(y) * sin'
 *       rotate_half(y) = [-y2, y1] = swap(y) * sign,  swap([y1, y2]) = [y2, y1] (Reverse of a [2, D/2] view),
 *       sign = [-1 (D/2 times), +1 (D/2 times)],  cos' = cos * c_h + [h is a value head],  sin' = sin * c_h * sign
 *       c_h = 1/sqrt(D) for query heads, 1 for key heads, 0 for value heads (value heads pass through exactly),
 *       so scores = (q / sqrt(D)) k^T + bias, the prefill's (q k^T) / sqrt(D) up to rounding
 *   cos, sin = cos/sin(pos * [f, f]) for the inverse frequencies f (angle in float32 as in the prefill); both
 *       tables [B, H + 2 Hkv, 1, D] are computed in Java and fed (6 graph nodes fewer per step)
 *   silu(gate) * up computed as sigmoid(gate) * (gate * up): not the x * sigmoid(x) pattern that TF rewrites
 *       to oneDNN's Swish, whose thread hand-off costs more than the whole op at these sizes
 * </pre>
 * K/V cache in two parts ({@link KvCache}): the main part [B, Hkv, P0, D] is fed unchanged, only the recent
 * part grows (concat of R + 1 positions) and is fetched; attention over both, one softmax:
 * <pre>
 *   s = [q K_main^T | q K_recent^T] + bias,  p = softmax(s) = [p_main | p_recent],
 *   attn = p_main V_main + p_recent V_recent
 * </pre>
 * Every {@code recentBlock} steps the recent part is merged into the main one (a separate run of the concats).
 * For small caches the extra nodes of the split attention cost more than the copy they avoid: the
 * {@code split = false} variant attends over concat(cache, new) and returns it as the new main part (a cache
 * with a recent part is merged first; it does not happen as caches only grow). Fewer feeds, too: every fed or
 * fetched tensor costs ~1.5 us of Session.run.
 */
final class DecodeGraph {
    /** Decode steps between merges of the recent K/V part into the main part. */
    static final int DEFAULT_RECENT_BLOCK = 32;
    /** Caches up to this many floats per layer and K (B Hkv P D) take the single-concat variant. */
    static final long DEFAULT_SMALL_CACHE = 1L << 14;
    /** Decode-only fused weight copies are made when they hold at most this many floats (256 MiB). */
    static final long FUSE_MAX_PARAMS = 64L << 20;

    private final LlamaConfig config;
    private final boolean fused;
    private final Placeholder<TInt32> ids;      // [B]
    private final Placeholder<TFloat32> cosTable; // cos' [B, H + 2 Hkv, 1, D]
    private final Placeholder<TFloat32> sinTable; // sin' [B, H + 2 Hkv, 1, D]
    private final float[] invFreq2;             // [f, f], D values
    private final float ropeScale;              // yarn's attention_factor on cos and sin (1 otherwise)
    private final float[] headScale;            // c_h
    private final float[] headShift;            // [h is a value head]
    private final Placeholder<TFloat32> bias;   // [B, 1, 1, P + 1]
    private final List<Placeholder<TFloat32>> pastK = new ArrayList<>();
    private final List<Placeholder<TFloat32>> pastV = new ArrayList<>();
    private final List<Placeholder<TFloat32>> recentK = new ArrayList<>();
    private final List<Placeholder<TFloat32>> recentV = new ArrayList<>();
    private final Placeholder<TInt32> keySplit;  // [P0, R + 1]
    private final Operand<TFloat32> logits;     // [B, V]
    private final List<Operand<TFloat32>> presentK = new ArrayList<>(); // new recent parts [B, Hkv, R + 1, D]
    private final List<Operand<TFloat32>> presentV = new ArrayList<>();
    private final List<Operand<TFloat32>> mergedK = new ArrayList<>();  // main + recent, for the merge run
    private final List<Operand<TFloat32>> mergedV = new ArrayList<>();
    private final int recentBlock;
    private final boolean split;
    private final List<Op> sync = new ArrayList<>(); // (re)computes the fused copies from the weights
    private long syncedVersion = -1;

    /** Whether the fused copies of this configuration stay within {@link #FUSE_MAX_PARAMS}. */
    static boolean fusable(LlamaConfig c) {
        long d = c.hiddenSize;
        long qkv = (long) (c.numHeads + 2 * c.numKvHeads) * c.headDim;
        return c.numLayers * d * (qkv + 2L * c.intermediateSize) + (long) c.vocabSize * d <= FUSE_MAX_PARAMS;
    }

    /**
     * @param scope  sub-scope for the ops; variants on one graph share the fused copies (same shared names)
     * @param split  attention over the cache's two parts (large caches) or over one concat of them (small ones)
     */
    DecodeGraph(LlamaGraph llama, boolean fused, int recentBlock, boolean split, String scope) {
        this.config = llama.config;
        this.fused = fused;
        this.recentBlock = recentBlock;
        this.split = split;
        LlamaConfig c = config;
        Ops tf = llama.tf.withSubScope(scope);
        int h = c.numHeads;
        int hkv = c.numKvHeads;
        int hd = c.headDim;
        int heads = h + 2 * hkv;
        ids = tf.withName("ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        cosTable = tf.withName("cos").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, heads, 1, hd)));
        sinTable = tf.withName("sin").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, heads, 1, hd)));
        bias = tf.withName("bias").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1, 1, -1)));
        Shape kv = Shape.of(-1, hkv, -1, hd);
        for (int i = 0; i < c.numLayers; i++) {
            pastK.add(tf.withName("past_k_" + i).placeholder(TFloat32.class, Placeholder.shape(kv)));
            pastV.add(tf.withName("past_v_" + i).placeholder(TFloat32.class, Placeholder.shape(kv)));
            recentK.add(tf.withName("recent_k_" + i).placeholder(TFloat32.class, Placeholder.shape(kv)));
            recentV.add(tf.withName("recent_v_" + i).placeholder(TFloat32.class, Placeholder.shape(kv)));
        }
        keySplit = tf.withName("key_split").placeholder(TInt32.class, Placeholder.shape(Shape.of(2)));

        // RoPE table factors (see step)
        float[] inv = c.ropeInvFreq();
        ropeScale = c.ropeAttentionScaling();
        invFreq2 = new float[hd];
        for (int e = 0; e < hd; e++) {
            invFreq2[e] = inv[e % (hd / 2)];
        }
        headScale = new float[heads];
        headShift = new float[heads];
        for (int j = 0; j < heads; j++) {
            headScale[j] = j < h ? (float) (1.0 / Math.sqrt(hd)) : j < h + hkv ? 1f : 0f;
            headShift[j] = j < h + hkv ? 0f : 1f;
        }
        Operand<TFloat32> cos = cosTable;
        Operand<TFloat32> sin = sinTable;
        // not Roll (its kernel splits even a few hundred elements over the intra-op pool: a thread hand-off) nor a
        // Gather of single elements (slow per element): reverse the two halves of a [.., 2, D/2] view
        Operand<TInt32> halvesShape = tf.constant(new int[]{-1, heads, 2, hd / 2});
        Operand<TInt32> halvesAxis = tf.constant(new int[]{2});
        Operand<TInt32> lastAxis = tf.constant(3);
        Operand<TInt32> headAxis = tf.constant(1);
        Operand<TInt32> featureAxis = tf.constant(1);
        Operand<TInt32> keyAxis = tf.constant(2);
        Operand<TInt32> yShape = tf.constant(new int[]{-1, heads, 1, hd});
        Operand<TInt32> headSizes = tf.constant(new int[]{h, hkv, hkv});
        Operand<TInt32> mlpSizes = tf.constant(new int[]{c.intermediateSize, c.intermediateSize});
        Operand<TInt32> qShape = tf.constant(new int[]{-1, hkv, h / hkv, hd});
        Operand<TInt32> attnShape = tf.constant(new int[]{-1, h * hd});

        Operand<TFloat32> x = tf.gather(llama.read(WeightNames.EMBED), ids, tf.constant(0)); // [B, d]
        for (int i = 0; i < c.numLayers; i++) {
            String in = WeightNames.layer(i, "input_layernorm.weight");
            Operand<TFloat32> y;
            if (fused) {
                Operand<TFloat32> w = derived(tf, "qkv_" + i, tf.concat(List.of(
                        scaled(llama, i, "self_attn.q_proj", in), scaled(llama, i, "self_attn.k_proj", in),
                        scaled(llama, i, "self_attn.v_proj", in)), tf.constant(0)));
                y = tf.linalg.matMul(llama.rmsNormalize(x), w, MatMul.transposeB(true));
                if (c.qkvBias) {
                    y = tf.math.add(y, derived(tf, "qkv_bias_" + i, tf.concat(List.of(
                            llama.read(WeightNames.layer(i, "self_attn.q_proj.bias")),
                            llama.read(WeightNames.layer(i, "self_attn.k_proj.bias")),
                            llama.read(WeightNames.layer(i, "self_attn.v_proj.bias"))), tf.constant(0))));
                }
            } else {
                Operand<TFloat32> hN = llama.rmsNorm(x, in);
                y = tf.concat(List.of(llama.linear(hN, WeightNames.layer(i, "self_attn.q_proj"), c.qkvBias),
                        llama.linear(hN, WeightNames.layer(i, "self_attn.k_proj"), c.qkvBias),
                        llama.linear(hN, WeightNames.layer(i, "self_attn.v_proj"), c.qkvBias)), featureAxis);
            }
            Operand<TFloat32> y4 = tf.reshape(y, yShape);
            Operand<TFloat32> roped = tf.math.add(tf.math.mul(y4, cos),
                    tf.math.mul(tf.reshape(tf.reverse(tf.reshape(y4, halvesShape), halvesAxis), yShape), sin));
            SplitV<TFloat32> qkv = tf.splitV(roped, headSizes, headAxis, 3L);
            mergedK.add(tf.concat(List.of(pastK.get(i), recentK.get(i)), keyAxis));
            mergedV.add(tf.concat(List.of(pastV.get(i), recentV.get(i)), keyAxis));
            // GQA: query head g * rep + r reads KV head g
            Operand<TFloat32> qg = tf.reshape(qkv.output().get(0), qShape);
            Operand<TFloat32> attn;
            // exp(log_softmax): TF rewrites Softmax to oneDNN's, which hands tiny tensors to another thread
            if (split) {
                Operand<TFloat32> kNew = tf.concat(List.of(recentK.get(i), qkv.output().get(1)), keyAxis);
                Operand<TFloat32> vNew = tf.concat(List.of(recentV.get(i), qkv.output().get(2)), keyAxis);
                presentK.add(kNew);
                presentV.add(vNew);
                Operand<TFloat32> scores = tf.math.add(tf.concat(List.of(
                        tf.train.batchMatMul(qg, pastK.get(i), TFloat32.class, BatchMatMul.adjY(true)),
                        tf.train.batchMatMul(qg, kNew, TFloat32.class, BatchMatMul.adjY(true))), lastAxis), bias);
                SplitV<TFloat32> probs = tf.splitV(tf.math.exp(tf.nn.logSoftmax(scores)), keySplit, lastAxis, 2L);
                attn = tf.math.add(tf.train.batchMatMul(probs.output().get(0), pastV.get(i), TFloat32.class),
                        tf.train.batchMatMul(probs.output().get(1), vNew, TFloat32.class));
            } else {
                Operand<TFloat32> kAll = tf.concat(List.of(pastK.get(i), qkv.output().get(1)), keyAxis);
                Operand<TFloat32> vAll = tf.concat(List.of(pastV.get(i), qkv.output().get(2)), keyAxis);
                presentK.add(kAll);
                presentV.add(vAll);
                Operand<TFloat32> scores = tf.math.add(
                        tf.train.batchMatMul(qg, kAll, TFloat32.class, BatchMatMul.adjY(true)), bias);
                attn = tf.train.batchMatMul(tf.math.exp(tf.nn.logSoftmax(scores)), vAll, TFloat32.class);
            }
            x = tf.math.add(x, llama.linear(tf.reshape(attn, attnShape), WeightNames.layer(i, "self_attn.o_proj"),
                    c.oBias));

            String post = WeightNames.layer(i, "post_attention_layernorm.weight");
            Operand<TFloat32> gate;
            Operand<TFloat32> up;
            if (fused) {
                Operand<TFloat32> w = derived(tf, "gate_up_" + i, tf.concat(List.of(
                        scaled(llama, i, "mlp.gate_proj", post), scaled(llama, i, "mlp.up_proj", post)),
                        tf.constant(0)));
                SplitV<TFloat32> gu = tf.splitV(tf.linalg.matMul(llama.rmsNormalize(x), w, MatMul.transposeB(true)),
                        mlpSizes, featureAxis, 2L);
                gate = gu.output().get(0);
                up = gu.output().get(1);
            } else {
                Operand<TFloat32> m = llama.rmsNorm(x, post);
                gate = llama.linear(m, WeightNames.layer(i, "mlp.gate_proj"), false);
                up = llama.linear(m, WeightNames.layer(i, "mlp.up_proj"), false);
            }
            Operand<TFloat32> act = tf.math.mul(tf.math.sigmoid(gate), tf.math.mul(gate, up));
            x = tf.math.add(x, llama.linear(act, WeightNames.layer(i, "mlp.down_proj"), false));
        }
        logits = fused
                ? tf.linalg.matMul(llama.rmsNormalize(x), derived(tf, "lm_head", tf.math.mul(llama.lmHead(),
                        llama.read(WeightNames.NORM))), MatMul.transposeB(true))
                : llama.logits2d(llama.rmsNorm(x, WeightNames.NORM));
    }

    /** W diag(g): the weight {@code layer i, proj} with its input's RMSNorm weight folded into the columns. */
    private static Operand<TFloat32> scaled(LlamaGraph llama, int i, String proj, String norm) {
        return llama.tf.math.mul(llama.read(WeightNames.layer(i, proj + ".weight")), llama.read(norm));
    }

    /** A decode-only variable holding {@code value} (assigned by the sync ops), read in the step graph. */
    private Operand<TFloat32> derived(Ops tf, String name, Operand<TFloat32> value) {
        Operand<? extends TType> handle = tf.withName(name).varHandleOp(TFloat32.class, Shape.unknown(),
                VarHandleOp.sharedName("decode." + name));
        sync.add(tf.withName(name + "_sync").assignVariableOp(handle, value));
        return tf.withName(name + "_read").readVariableOp(handle, TFloat32.class);
    }

    /** Recomputes the fused copies when the weights changed since the last step ({@code weightsVersion}). */
    private synchronized void syncFused(Session session, long weightsVersion) {
        if (fused && syncedVersion != weightsVersion) {
            Session.Runner r = session.runner();
            sync.forEach(r::addTarget);
            r.run().close();
            syncedVersion = weightsVersion;
        }
    }

    /**
     * One decode step: ids/positions [B][1], key mask [B][P + 1]; consumes (closes) {@code past}. The sliding
     * window (Mistral) is folded into the fed bias.
     */
    LlamaModel.StepOutput step(Session session, long weightsVersion, int[][] idRows, int[][] posRows,
                               float[][] keyMask, KvCache past) {
        syncFused(session, weightsVersion);
        int b = idRows.length;
        int p = past.length;
        int keys = p + 1;
        int[] idv = new int[b];
        float[] biasv = new float[b * keys];
        int window = config.slidingWindow;
        for (int r = 0; r < b; r++) {
            if (keyMask[r].length != keys) {
                throw new IllegalArgumentException("key mask row " + r + " has " + keyMask[r].length
                        + " entries; a decode step on a cache of " + p + " needs " + keys);
            }
            idv[r] = idRows[r][0];
            for (int j = 0; j < keys; j++) {
                float allowed = window > 0 && p - j >= window ? 0f : keyMask[r][j];
                biasv[r * keys + j] = (allowed - 1f) * -LlamaGraph.MASK_BIAS;
            }
        }
        float[][] tables = ropeTables(posRows);
        if (split ? past.recentLength() >= recentBlock : past.recentKeys != null) {
            past = merged(session, past);
        }
        int p0 = past.mainLength;
        TFloat32 empty = split && past.recentKeys == null
                ? TFloat32.tensorOf(Shape.of(b, config.numKvHeads, 0, config.headDim)) : null;
        boolean done = false;
        try (TInt32 idT = TInt32.tensorOf(Shape.of(b), DataBuffers.of(idv, true, false));
             TFloat32 cosT = TFloat32.tensorOf(Shape.of(b, headScale.length, 1, invFreq2.length),
                     DataBuffers.of(tables[0], true, false));
             TFloat32 sinT = TFloat32.tensorOf(Shape.of(b, headScale.length, 1, invFreq2.length),
                     DataBuffers.of(tables[1], true, false));
             TFloat32 biasT = TFloat32.tensorOf(Shape.of(b, 1, 1, keys), DataBuffers.of(biasv, true, false));
             TInt32 splitT = TInt32.vectorOf(p0, keys - p0)) {
            Session.Runner r = session.runner().feed(ids, idT).feed(cosTable, cosT).feed(sinTable, sinT)
                    .feed(bias, biasT);
            if (split) {
                r.feed(keySplit, splitT);
            }
            int n = config.numLayers;
            for (int i = 0; i < n; i++) {
                r.feed(pastK.get(i), past.keys.get(i)).feed(pastV.get(i), past.values.get(i));
                if (split) {
                    r.feed(recentK.get(i), empty != null ? empty : past.recentKeys.get(i))
                            .feed(recentV.get(i), empty != null ? empty : past.recentValues.get(i));
                }
            }
            r.fetch(logits);
            presentK.forEach(r::fetch);
            presentV.forEach(r::fetch);
            Result res = r.run();
            float[][] out = new float[b][config.vocabSize];
            try (TFloat32 lt = (TFloat32) res.get(0)) {
                for (int i = 0; i < b; i++) {
                    lt.asRawTensor().data().asFloats().offset((long) i * config.vocabSize).read(out[i]);
                }
            }
            List<TFloat32> k = new ArrayList<>(n);
            List<TFloat32> v = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                k.add((TFloat32) res.get(1 + i));
                v.add((TFloat32) res.get(1 + n + i));
            }
            done = true;
            if (!split) {
                past.close();
                return new LlamaModel.StepOutput(out, new KvCache(k, v, keys));
            }
            past.handOverMain(); // the main part moves on unchanged
            return new LlamaModel.StepOutput(out, new KvCache(past.keys, past.values, k, v, keys, p0));
        } finally {
            if (empty != null) {
                empty.close();
            }
            if (!done) {
                past.close();
            }
        }
    }

    /**
     * cos'[b, h, 0, e] = cos(a) c_h + [h is a value head],  sin'[b, h, 0, e] = sin(a) c_h sign_e,
     * a = float(pos_b) * [f, f]_e in float32 (the prefill's Cast and Mul).
     */
    private float[][] ropeTables(int[][] posRows) {
        int heads = headScale.length;
        int hd = invFreq2.length;
        float[] cos = new float[posRows.length * heads * hd];
        float[] sin = new float[cos.length];
        for (int r = 0; r < posRows.length; r++) {
            float p = posRows[r][0];
            for (int e = 0; e < hd; e++) {
                float a = p * invFreq2[e];
                float c = (float) Math.cos(a) * ropeScale;
                float s = (e < hd / 2 ? -(float) Math.sin(a) : (float) Math.sin(a)) * ropeScale;
                for (int j = 0; j < heads; j++) {
                    int i = (r * heads + j) * hd + e;
                    cos[i] = c * headScale[j] + headShift[j];
                    sin[i] = s * headScale[j];
                }
            }
        }
        return new float[][]{cos, sin};
    }

    /** The cache with its recent part appended to the main part; consumes (closes) {@code cache}. */
    KvCache merged(Session session, KvCache cache) {
        if (cache.recentKeys == null) {
            return cache;
        }
        try (cache) {
            Session.Runner r = session.runner();
            int n = config.numLayers;
            for (int i = 0; i < n; i++) {
                r.feed(pastK.get(i), cache.keys.get(i)).feed(pastV.get(i), cache.values.get(i))
                        .feed(recentK.get(i), cache.recentKeys.get(i)).feed(recentV.get(i), cache.recentValues.get(i));
            }
            mergedK.forEach(r::fetch);
            mergedV.forEach(r::fetch);
            Result res = r.run();
            List<TFloat32> k = new ArrayList<>(n);
            List<TFloat32> v = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                k.add((TFloat32) res.get(i));
                v.add((TFloat32) res.get(n + i));
            }
            return new KvCache(k, v, cache.length);
        }
    }
}
