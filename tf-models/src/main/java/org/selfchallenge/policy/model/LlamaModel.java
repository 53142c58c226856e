package org.selfchallenge.policy.model;

import org.selfchallenge.policy.config.LlamaConfig;
import org.selfchallenge.policy.io.HfCheckpoint;
import org.selfchallenge.policy.io.TensorData;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A Llama-family model in one TF graph + session: full-sequence forward (logits, per-token log-probs) and
 * prefill / KV-cache decode steps. The graph can be extended (e.g. by the trainer) before the first run;
 * the session is created and the weights loaded lazily at the first run.
 */
public final class LlamaModel implements AutoCloseable {
    public final LlamaConfig config;
    public final ModelOptions options;
    private final Graph graph;
    private final Ops tf;
    private final LlamaGraph llama;
    private Map<String, TensorData> pendingWeights;
    private Session session;

    // full forward
    final Placeholder<TInt32> fullIds;
    final Placeholder<TInt32> fullPos;
    final Placeholder<TFloat32> fullMask;
    final Placeholder<TInt32> fullTargets;
    final Operand<TFloat32> fullLogits;   // [B*T, V]
    private final List<Operand<TFloat32>> fullResiduals; // x_0 … x_L of the full forward
    final Operand<TFloat32> tokenLogp;    // [B, T]: log p(targets[b,t] | ids[b, <=t])
    private final Operand<TFloat32> baseTokenLogp; // the same without adapters (null without adapters)
    // step (prefill / decode)
    private final Placeholder<TInt32> stepIds;
    private final Placeholder<TInt32> stepPos;
    private final Placeholder<TFloat32> stepMask;
    private final List<Placeholder<TFloat32>> pastK = new ArrayList<>();
    private final List<Placeholder<TFloat32>> pastV = new ArrayList<>();
    private final Operand<TFloat32> lastLogits; // [B, V]
    private final List<Operand<TFloat32>> presentK;
    private final List<Operand<TFloat32>> presentV;
    private final DecodeGraph decode;      // two-part cache attention (large caches)
    private final DecodeGraph decodeSmall; // one concat of the cache (small caches)
    private final long smallCache;
    private final java.util.concurrent.atomic.AtomicLong weightsVersion = new java.util.concurrent.atomic.AtomicLong();

    public LlamaModel(LlamaConfig config, Map<String, TensorData> weights, ModelOptions options) {
        this(config, weights, options, Lora.NONE);
    }

    /**
     * A model with {@code lora} adapters on its projections: {@code weights} then also holds the adapter
     * values ({@link Lora#shapes}). Decoding uses the unfused path, which applies the adapters.
     */
    public LlamaModel(LlamaConfig config, Map<String, TensorData> weights, ModelOptions options, Lora lora) {
        this(config, weights, options, lora, DecodeGraph.fusable(config) && !lora.enabled(),
                DecodeGraph.DEFAULT_RECENT_BLOCK, DecodeGraph.DEFAULT_SMALL_CACHE);
    }

    /**
     * {@code fusedDecode}: decode with fused weight copies; {@code recentBlock}: decode steps between K/V cache
     * merges; {@code smallCache}: largest cache (floats per layer and K) decoded by one concat
     * ({@link DecodeGraph}). Tests force each path.
     */
    LlamaModel(LlamaConfig config, Map<String, TensorData> weights, ModelOptions options, boolean fusedDecode,
               int recentBlock, long smallCache) {
        this(config, weights, options, Lora.NONE, fusedDecode, recentBlock, smallCache);
    }

    private LlamaModel(LlamaConfig config, Map<String, TensorData> weights, ModelOptions options, Lora lora,
                       boolean fusedDecode, int recentBlock, long smallCache) {
        this.config = config;
        this.options = options;
        checkWeights(WeightNames.shapes(config), weights);
        checkWeights(lora.shapes(config), weights);
        this.pendingWeights = weights;
        this.graph = new Graph();
        this.tf = Ops.create(graph).withDevice(options.deviceSpec());
        this.llama = new LlamaGraph(tf, config, lora);

        Ops f = tf.withSubScope("full");
        fullIds = f.withName("ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
        fullPos = f.withName("pos").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
        fullMask = f.withName("mask").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
        fullTargets = f.withName("targets").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
        LlamaGraph.Forward full = llama.forward(fullIds, fullPos, fullMask, null, null);
        fullResiduals = full.residuals();
        fullLogits = fullLogits(full);
        tokenLogp = tokenLogp(fullLogits);
        // The frozen base without its adapters shares the weights: the KL reference of LoRA training.
        baseTokenLogp = lora.enabled() ? tokenLogp(fullLogits(llama.forward(fullIds, fullPos, fullMask, null, null,
                false))) : null;

        Ops s = tf.withSubScope("step");
        stepIds = s.withName("ids").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
        stepPos = s.withName("pos").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
        stepMask = s.withName("mask").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
        for (int i = 0; i < config.numLayers; i++) {
            Shape kv = Shape.of(-1, config.numKvHeads, -1, config.headDim);
            pastK.add(s.withName("past_k_" + i).placeholder(TFloat32.class, Placeholder.shape(kv)));
            pastV.add(s.withName("past_v_" + i).placeholder(TFloat32.class, Placeholder.shape(kv)));
        }
        LlamaGraph.Forward sw = llama.forward(stepIds, stepPos, stepMask, new ArrayList<>(pastK),
                new ArrayList<>(pastV));
        Operand<TFloat32> last = tf.squeeze(tf.gather(sw.hidden(),
                tf.math.sub(tf.gather(tf.shape(stepIds), tf.constant(1), tf.constant(0)), tf.constant(1)),
                tf.constant(1)));
        lastLogits = llama.logits2d(tf.reshape(last, tf.constant(new int[]{-1, config.hiddenSize})));
        presentK = sw.presentK();
        presentV = sw.presentV();
        decode = new DecodeGraph(llama, fusedDecode, recentBlock, true, "decode");
        decodeSmall = new DecodeGraph(llama, fusedDecode, recentBlock, false, "decode_small");
        this.smallCache = smallCache;
    }

    public static LlamaModel load(Path checkpointDir, ModelOptions options) throws IOException {
        LlamaConfig c = HfCheckpoint.config(checkpointDir);
        return load(c, checkpointDir, options, DecodeGraph.fusable(c), DecodeGraph.DEFAULT_RECENT_BLOCK,
                DecodeGraph.DEFAULT_SMALL_CACHE);
    }

    static LlamaModel load(Path checkpointDir, ModelOptions options, boolean fusedDecode, int recentBlock,
                           long smallCache) throws IOException {
        return load(HfCheckpoint.config(checkpointDir), checkpointDir, options, fusedDecode, recentBlock, smallCache);
    }

    private static LlamaModel load(LlamaConfig c, Path checkpointDir, ModelOptions options, boolean fusedDecode,
                                   int recentBlock, long smallCache) throws IOException {
        return new LlamaModel(c, HfCheckpoint.readWeights(checkpointDir, WeightNames.shapes(c).keySet()), options,
                fusedDecode, recentBlock, smallCache);
    }

    /** [B*T, V] logits of a full forward. */
    private Operand<TFloat32> fullLogits(LlamaGraph.Forward fw) {
        return llama.logits2d(tf.reshape(fw.hidden(), tf.constant(new int[]{-1, config.hiddenSize})));
    }

    /** [B, T]: log p(targets[b,t] | ids[b, <=t]) from [B*T, V] logits. */
    private Operand<TFloat32> tokenLogp(Operand<TFloat32> logits) {
        // Trap: LogSoftmax's gradient is wrong for rank > 2, so stay at [N, V].
        Operand<TFloat32> logsm = tf.nn.logSoftmax(logits);
        Operand<TInt32> flatT = tf.reshape(fullTargets, tf.constant(new int[]{-1}));
        Operand<TInt32> n = tf.gather(tf.shape(flatT), tf.constant(0), tf.constant(0));
        Operand<TInt32> rows = tf.math.mul(tf.range(tf.constant(0), n, tf.constant(1)), tf.constant(config.vocabSize));
        Operand<TFloat32> picked = tf.gather(tf.reshape(logsm, tf.constant(new int[]{-1})),
                tf.math.add(rows, flatT), tf.constant(0));
        return tf.reshape(picked, tf.shape(fullTargets));
    }

    private static void checkWeights(Map<String, long[]> shapes, Map<String, TensorData> weights) {
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            TensorData t = weights.get(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException("checkpoint is missing weight '" + e.getKey() + "'");
            }
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new IllegalArgumentException("weight '" + e.getKey() + "' has shape " + Arrays.toString(t.shape())
                        + ", config needs " + Arrays.toString(e.getValue()));
            }
        }
    }

    /**
     * The full (training) forward: its inputs, per-token log-probs, and the residual stream x_0 … x_L (layer
     * inputs, then the hidden state before the final norm) for layer-wise recomputation.
     */
    public record FullForward(Placeholder<TInt32> ids, Placeholder<TInt32> positions, Placeholder<TFloat32> keyMask,
                              Placeholder<TInt32> targets, Operand<TFloat32> tokenLogp,
                              List<Operand<TFloat32>> residuals) {
    }

    public FullForward fullForward() {
        return new FullForward(fullIds, fullPos, fullMask, fullTargets, tokenLogp, fullResiduals);
    }

    /** [B, T] log p(targets) from x_L (the hidden state before the final norm) as the full forward computes it. */
    public Operand<TFloat32> headTokenLogp(Operand<TFloat32> preNorm) {
        return tokenLogp(llama.logits2d(tf.reshape(llama.rmsNorm(preNorm, WeightNames.NORM),
                tf.constant(new int[]{-1, config.hiddenSize}))));
    }

    public Graph graph() {
        return graph;
    }

    public Ops ops() {
        return tf;
    }

    public LlamaGraph llama() {
        return llama;
    }

    /** The session; created (and weights loaded) on first call, after which the graph must not change. */
    public synchronized Session session() {
        if (session == null) {
            session = new Session(graph, options.sessionConfig());
            session.initialize();
            loadWeights(pendingWeights);
            pendingWeights = null;
        }
        return session;
    }

    /** Assigns new weight values (names and shapes as in HF; with adapters, theirs too). */
    public void loadWeights(Map<String, TensorData> weights) {
        checkWeights(llama.shapes(), weights);
        checkWeights(llama.adapterShapes(), weights);
        Session sess = session();
        List<Tensor> feeds = new ArrayList<>();
        try {
            Session.Runner r = sess.runner();
            for (Map.Entry<String, Placeholder<TFloat32>> e : llama.loadInputs().entrySet()) {
                TensorData t = weights.get(e.getKey());
                TFloat32 tensor = TFloat32.tensorOf(Shape.of(t.shape()), DataBuffers.of(t.data(), true, false));
                feeds.add(tensor);
                r.feed(e.getValue(), tensor);
            }
            llama.loadOps().forEach(r::addTarget);
            r.run().close();
        } finally {
            feeds.forEach(Tensor::close);
            weightsChanged();
        }
    }

    /**
     * Must be called after anything assigns the weight variables outside {@link #loadWeights} (the trainer's
     * optimizer step): the decode step then refreshes its fused weight copies before its next run.
     */
    public void weightsChanged() {
        weightsVersion.incrementAndGet();
    }

    /** Current base weights, HF names and shapes (without adapters: the frozen base). */
    public List<TensorData> weights() {
        return fetch(llama.shapes(), llama::read);
    }

    /** Current adapter weights (empty without adapters). */
    public List<TensorData> adapterWeights() {
        return fetch(llama.adapterShapes(), llama::read);
    }

    /** Current weights with the adapters folded in (W + s B A): a plain model of the same config. */
    public List<TensorData> mergedWeights() {
        return fetch(llama.shapes(), llama::merged);
    }

    private List<TensorData> fetch(Map<String, long[]> shapes,
                                   java.util.function.Function<String, Operand<TFloat32>> op) {
        Session sess = session();
        List<TensorData> out = new ArrayList<>();
        Session.Runner r = sess.runner();
        List<String> names = new ArrayList<>(shapes.keySet());
        for (String n : names) {
            r.fetch(op.apply(n));
        }
        if (names.isEmpty()) {
            return out;
        }
        try (Result res = r.run()) {
            for (int i = 0; i < names.size(); i++) {
                TFloat32 t = (TFloat32) res.get(i);
                float[] data = new float[(int) t.size()];
                t.asRawTensor().data().asFloats().read(data);
                out.add(new TensorData(names.get(i), shapes.get(names.get(i)), data));
            }
        }
        return out;
    }

    /**
     * Rejects token ids outside [0, vocab) and sequences longer than max_position_embeddings with a message
     * naming the row (TF's own gather error would not).
     */
    public void checkIds(int[][] rows) {
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length > config.maxPositionEmbeddings) {
                throw new IllegalArgumentException("sequence " + r + " has " + rows[r].length
                        + " tokens, more than max_position_embeddings " + config.maxPositionEmbeddings);
            }
            for (int t = 0; t < rows[r].length; t++) {
                int id = rows[r][t];
                if (id < 0 || id >= config.vocabSize) {
                    throw new IllegalArgumentException("sequence " + r + " position " + t + ": token id " + id
                            + " outside [0, " + config.vocabSize + ")");
                }
            }
        }
    }

    /** Logits [T][V] of every position of one sequence. */
    public float[][] logits(int[] ids) {
        checkIds(new int[][]{ids});
        try (Batch b = Batch.rightPadded(new int[][]{ids});
             Result res = session().runner().feed(fullIds, b.ids).feed(fullPos, b.pos).feed(fullMask, b.mask)
                     .fetch(fullLogits).run()) {
            TFloat32 t = (TFloat32) res.get(0);
            float[][] out = new float[ids.length][config.vocabSize];
            for (int i = 0; i < ids.length; i++) {
                t.asRawTensor().data().asFloats().offset((long) i * config.vocabSize).read(out[i]);
            }
            return out;
        }
    }

    /**
     * Per-token log-probs: {@code out[b][i] = log p(seqs[b][i] | seqs[b][<i])} for i &gt;= 1; out[b][0] = 0.
     * Sequences may have different lengths (right-padded internally).
     */
    public float[][] tokenLogprobs(int[][] seqs) {
        return tokenLogprobs(seqs, tokenLogp);
    }

    /** As {@link #tokenLogprobs}, of the frozen base alone (the model without its adapters). */
    public float[][] baseTokenLogprobs(int[][] seqs) {
        if (baseTokenLogp == null) {
            throw new IllegalStateException("this model has no adapters: its base is the model itself");
        }
        return tokenLogprobs(seqs, baseTokenLogp);
    }

    private float[][] tokenLogprobs(int[][] seqs, Operand<TFloat32> logp) {
        checkIds(seqs);
        try (Batch b = Batch.rightPadded(seqs);
             Result res = session().runner().feed(fullIds, b.ids).feed(fullPos, b.pos).feed(fullMask, b.mask)
                     .feed(fullTargets, b.targets).fetch(logp).run()) {
            TFloat32 t = (TFloat32) res.get(0);
            float[][] out = new float[seqs.length][];
            for (int i = 0; i < seqs.length; i++) {
                out[i] = new float[seqs[i].length];
                float[] row = new float[b.width];
                t.asRawTensor().data().asFloats().offset((long) i * b.width).read(row);
                System.arraycopy(row, 0, out[i], 1, seqs[i].length - 1);
            }
            return out;
        }
    }

    /** An empty cache (P = 0) for a batch of size b. */
    public KvCache emptyCache(int b) {
        List<TFloat32> k = new ArrayList<>();
        List<TFloat32> v = new ArrayList<>();
        for (int i = 0; i < config.numLayers; i++) {
            k.add(TFloat32.tensorOf(Shape.of(b, config.numKvHeads, 0, config.headDim)));
            v.add(TFloat32.tensorOf(Shape.of(b, config.numKvHeads, 0, config.headDim)));
        }
        return new KvCache(k, v, 0);
    }

    /** Result of one step: logits of each row's last position [B][V] and the grown cache. */
    public record StepOutput(float[][] lastLogits, KvCache cache) {
    }

    /**
     * One prefill or decode step: feeds ids/positions [B][S] and the key mask [B][P+S]; consumes (closes)
     * {@code past} and returns the new cache. One-token steps (S = 1) run the smaller {@link DecodeGraph}.
     */
    public StepOutput step(int[][] ids, int[][] positions, float[][] keyMask, KvCache past) {
        int b = ids.length;
        int s = ids[0].length;
        if (s == 1) {
            long cacheFloats = (long) b * config.numKvHeads * config.headDim * (past.length + 1);
            return (cacheFloats <= smallCache ? decodeSmall : decode).step(session(), weightsVersion.get(), ids,
                    positions, keyMask, past);
        }
        // the prefill graph takes the cache as one tensor per layer
        KvCache whole = decode.merged(session(), past);
        try (whole;
             TInt32 idT = Batch.ints(ids, s); TInt32 posT = Batch.ints(positions, s);
             TFloat32 maskT = Batch.floats(keyMask, keyMask[0].length)) {
            Session.Runner r = session().runner().feed(stepIds, idT).feed(stepPos, posT).feed(stepMask, maskT);
            for (int i = 0; i < config.numLayers; i++) {
                r.feed(pastK.get(i), whole.keys.get(i)).feed(pastV.get(i), whole.values.get(i));
            }
            r.fetch(lastLogits);
            presentK.forEach(r::fetch);
            presentV.forEach(r::fetch);
            Result res = r.run();
            float[][] logits = new float[b][config.vocabSize];
            TFloat32 lt = (TFloat32) res.get(0);
            for (int i = 0; i < b; i++) {
                lt.asRawTensor().data().asFloats().offset((long) i * config.vocabSize).read(logits[i]);
            }
            lt.close();
            List<TFloat32> k = new ArrayList<>();
            List<TFloat32> v = new ArrayList<>();
            for (int i = 0; i < config.numLayers; i++) {
                k.add((TFloat32) res.get(1 + i));
                v.add((TFloat32) res.get(1 + config.numLayers + i));
            }
            return new StepOutput(logits, new KvCache(k, v, whole.length + s));
        }
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
            session = null;
        }
        graph.close();
    }
}
