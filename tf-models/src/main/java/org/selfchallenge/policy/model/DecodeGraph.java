package org.selfchallenge.policy.model;

import org.selfchallenge.policy.config.LlamaConfig;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.SplitV;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import java.util.ArrayList;
import java.util.List;

/**
 * The one-token decode step (S = 1 after a KV cache of P tokens): {@link LlamaGraph#forward} specialised to a
 * single query, over the same weight reads. On CPU a decode step of a small model costs ~1-2 us of executor and
 * kernel-call overhead per graph node, far more than its FLOPs, so this graph is built for few nodes
 * (~60 per layer instead of ~110):
 * <pre>
 *   static shapes: S = 1, only the batch is -1, so no Shape/Gather/Pack arithmetic per layer
 *   bias [B, 1, 1, P + 1] is fed, built in Java: bias_j = (allowed_j - 1) * 1e9 with
 *       allowed_j = keyMask_j * [P - j &lt; W]  (one query sees every past key: no causal band)
 *   q and k roped together: y = [q | k] as [B, H + Hkv, D];  rope(y) = y * cos' + swap(y) * sin'
 *       rotate_half(y) = [-y2, y1] = swap(y) * sign,  swap([y1, y2]) = [y2, y1] (one Gather on the last axis),
 *       sign = [-1 (D/2 times), +1 (D/2 times)]
 *       cos' = cos * c_h, sin' = sin * c_h * sign with c_h = 1/sqrt(D) for query heads, 1 for key heads
 *       (so scores = (q / sqrt(D)) k^T + bias, the prefill's (q k^T) / sqrt(D) up to rounding)
 *   cos, sin = cos/sin(pos * [f, f]) for the inverse frequencies f (as in the prefill, in float32)
 * </pre>
 * The K/V cache still grows by one concat per layer (an O(P) copy, cheap next to the per-node costs at the sizes
 * this runs on CPU).
 */
final class DecodeGraph {
    private final LlamaConfig config;
    private final Placeholder<TInt32> ids;      // [B]
    private final Placeholder<TFloat32> pos;    // [B, 1, 1], float(position) as the prefill's Cast gives
    private final Placeholder<TFloat32> bias;   // [B, 1, 1, P + 1]
    private final List<Placeholder<TFloat32>> pastK = new ArrayList<>();
    private final List<Placeholder<TFloat32>> pastV = new ArrayList<>();
    private final Operand<TFloat32> logits;     // [B, V]
    private final List<Operand<TFloat32>> presentK = new ArrayList<>();
    private final List<Operand<TFloat32>> presentV = new ArrayList<>();

    DecodeGraph(LlamaGraph llama) {
        this.config = llama.config;
        LlamaConfig c = config;
        Ops tf = llama.tf.withSubScope("decode");
        int h = c.numHeads;
        int hkv = c.numKvHeads;
        int hd = c.headDim;
        int rep = h / hkv;
        ids = tf.withName("ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        pos = tf.withName("pos").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1, 1)));
        bias = tf.withName("bias").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1, 1, -1)));
        Shape kv = Shape.of(-1, hkv, -1, hd);
        for (int i = 0; i < c.numLayers; i++) {
            pastK.add(tf.withName("past_k_" + i).placeholder(TFloat32.class, Placeholder.shape(kv)));
            pastV.add(tf.withName("past_v_" + i).placeholder(TFloat32.class, Placeholder.shape(kv)));
        }

        // RoPE tables [B, H + Hkv, D], the query rows pre-scaled by 1/sqrt(D)
        float[] inv = c.ropeInvFreq();
        float[] inv2 = new float[hd];
        for (int j = 0; j < hd; j++) {
            inv2[j] = inv[j % (hd / 2)];
        }
        Operand<TFloat32> emb = tf.math.mul(pos, tf.constant(inv2));
        float[][] headScale = new float[h + hkv][1];
        float[][] signedScale = new float[h + hkv][hd];
        for (int j = 0; j < h + hkv; j++) {
            headScale[j][0] = j < h ? (float) (1.0 / Math.sqrt(hd)) : 1f;
            for (int e = 0; e < hd; e++) {
                signedScale[j][e] = e < hd / 2 ? -headScale[j][0] : headScale[j][0];
            }
        }
        Operand<TFloat32> cos = tf.math.mul(tf.math.cos(emb), tf.constant(headScale));
        Operand<TFloat32> sin = tf.math.mul(tf.math.sin(emb), tf.constant(signedScale));
        int[] swap = new int[hd];
        for (int e = 0; e < hd; e++) {
            swap[e] = (e + hd / 2) % hd;
        }
        // not Roll: its kernel splits even a few hundred elements over the intra-op pool (a thread hand-off)
        Operand<TInt32> swapIndex = tf.constant(swap);
        Operand<TInt32> lastAxis = tf.constant(2);
        Operand<TInt32> qkShape = tf.constant(new int[]{-1, h + hkv, hd});
        Operand<TInt32> splitSizes = tf.constant(new int[]{h, hkv});
        Operand<TInt32> qShape = tf.constant(new int[]{-1, hkv, rep, hd});
        Operand<TInt32> kvShape = tf.constant(new int[]{-1, hkv, 1, hd});
        Operand<TInt32> attnShape = tf.constant(new int[]{-1, h * hd});

        Operand<TFloat32> x = tf.gather(llama.read(WeightNames.EMBED), ids, tf.constant(0)); // [B, d]
        for (int i = 0; i < c.numLayers; i++) {
            Operand<TFloat32> hN = llama.rmsNorm(x, WeightNames.layer(i, "input_layernorm.weight"));
            Operand<TFloat32> q = llama.linear(hN, WeightNames.layer(i, "self_attn.q_proj"), c.qkvBias);
            Operand<TFloat32> k = llama.linear(hN, WeightNames.layer(i, "self_attn.k_proj"), c.qkvBias);
            Operand<TFloat32> v = llama.linear(hN, WeightNames.layer(i, "self_attn.v_proj"), c.qkvBias);
            Operand<TFloat32> qk = tf.reshape(tf.concat(List.of(q, k), tf.constant(1)), qkShape);
            Operand<TFloat32> roped = tf.math.add(tf.math.mul(qk, cos),
                    tf.math.mul(tf.gather(qk, swapIndex, lastAxis), sin));
            SplitV<TFloat32> parts = tf.splitV(roped, splitSizes, tf.constant(1), 2L);
            Operand<TFloat32> kAll = tf.concat(List.of(pastK.get(i), tf.reshape(parts.output().get(1), kvShape)),
                    tf.constant(2));
            Operand<TFloat32> vAll = tf.concat(List.of(pastV.get(i), tf.reshape(v, kvShape)), tf.constant(2));
            presentK.add(kAll);
            presentV.add(vAll);
            // GQA: query head g * rep + r reads KV head g
            Operand<TFloat32> qg = tf.reshape(parts.output().get(0), qShape);
            Operand<TFloat32> scores = tf.math.add(
                    tf.train.batchMatMul(qg, kAll, TFloat32.class, BatchMatMul.adjY(true)), bias);
            Operand<TFloat32> attn = tf.train.batchMatMul(tf.math.exp(tf.nn.logSoftmax(scores)), vAll, TFloat32.class);
            Operand<TFloat32> o = llama.linear(tf.reshape(attn, attnShape), WeightNames.layer(i, "self_attn.o_proj"),
                    c.oBias);
            x = tf.math.add(x, o);

            Operand<TFloat32> m = llama.rmsNorm(x, WeightNames.layer(i, "post_attention_layernorm.weight"));
            Operand<TFloat32> gate = llama.linear(m, WeightNames.layer(i, "mlp.gate_proj"), false);
            Operand<TFloat32> up = llama.linear(m, WeightNames.layer(i, "mlp.up_proj"), false);
            Operand<TFloat32> act = tf.math.mul(tf.math.sigmoid(gate), tf.math.mul(gate, up));
            x = tf.math.add(x, llama.linear(act, WeightNames.layer(i, "mlp.down_proj"), false));
        }
        logits = llama.logits2d(llama.rmsNorm(x, WeightNames.NORM));
    }

    /**
     * One decode step: ids/positions [B][1], key mask [B][P + 1]; consumes (closes) {@code past}. The sliding
     * window (Mistral) is folded into the fed bias.
     */
    LlamaModel.StepOutput step(Session session, int[][] idRows, int[][] posRows, float[][] keyMask, KvCache past) {
        int b = idRows.length;
        int p = past.length;
        int keys = p + 1;
        int[] idv = new int[b];
        float[] posv = new float[b];
        float[] biasv = new float[b * keys];
        int window = config.slidingWindow;
        for (int r = 0; r < b; r++) {
            if (keyMask[r].length != keys) {
                throw new IllegalArgumentException("key mask row " + r + " has " + keyMask[r].length
                        + " entries; a decode step on a cache of " + p + " needs " + keys);
            }
            idv[r] = idRows[r][0];
            posv[r] = posRows[r][0]; // int -> float rounds as the prefill's Cast does
            for (int j = 0; j < keys; j++) {
                float allowed = window > 0 && p - j >= window ? 0f : keyMask[r][j];
                biasv[r * keys + j] = (allowed - 1f) * -LlamaGraph.MASK_BIAS;
            }
        }
        try (past;
             TInt32 idT = TInt32.tensorOf(Shape.of(b), DataBuffers.of(idv, true, false));
             TFloat32 posT = TFloat32.tensorOf(Shape.of(b, 1, 1), DataBuffers.of(posv, true, false));
             TFloat32 biasT = TFloat32.tensorOf(Shape.of(b, 1, 1, keys), DataBuffers.of(biasv, true, false))) {
            Session.Runner r = session.runner().feed(ids, idT).feed(pos, posT).feed(bias, biasT);
            int n = config.numLayers;
            for (int i = 0; i < n; i++) {
                r.feed(pastK.get(i), past.keys.get(i)).feed(pastV.get(i), past.values.get(i));
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
            return new LlamaModel.StepOutput(out, new KvCache(k, v, keys));
        }
    }
}
