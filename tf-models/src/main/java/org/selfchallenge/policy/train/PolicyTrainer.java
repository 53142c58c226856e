package org.selfchallenge.policy.train;

import org.selfchallenge.policy.config.LlamaConfig;
import org.selfchallenge.policy.io.BaseReference;
import org.selfchallenge.policy.io.DType;
import org.selfchallenge.policy.io.HfCheckpoint;
import org.selfchallenge.policy.io.PeftAdapter;
import org.selfchallenge.policy.io.TensorData;
import org.selfchallenge.policy.loss.GrpoLoss;
import org.selfchallenge.policy.loss.MaskedNllLoss;
import org.selfchallenge.policy.loss.PolicyLoss;
import org.selfchallenge.policy.loss.PpoClipLoss;
import org.selfchallenge.policy.loss.ReinforceLoss;
import org.selfchallenge.policy.model.LlamaModel;
import org.selfchallenge.policy.model.Lora;
import org.selfchallenge.policy.model.ModelOptions;
import org.selfchallenge.policy.sample.SplitMix64;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains the policy in one TF graph-mode session: forward, loss (per {@link TrainConfig#algorithm()}),
 * gradients of every weight (or, with {@link TrainConfig#lora()}, of the low-rank adapters only), gradient
 * accumulation over micro-batches, global-norm clipping, AdamW, and a warmup + cosine schedule
 * ({@link LrSchedule}). Checkpoints ({@link TrainingCheckpoint}) hold weights, adapters, AdamW moments, step,
 * RNG state and data cursor, and resume bit-identically; exports fold the adapters into the weights.
 * Not thread-safe.
 */
public final class PolicyTrainer implements AutoCloseable {
    private final LlamaModel model;
    private final TrainConfig config;
    private final PolicyLoss loss;
    private final TrainGraph graph;
    /** With {@link TrainConfig#recomputeLayers()}: the layer-by-layer backward (else null). */
    private final LayerwiseBackward layerwise;
    private final LrSchedule schedule;
    private final Path sourceDir;
    /** With LoRA: the frozen base by reference (hashed once: it does not change while adapters train). */
    private BaseReference base;
    private LlamaModel reference;
    private Map<String, TensorData> referenceWeights;
    private final SplitMix64 rng;
    private long step;
    private long dataCursor;
    private boolean initialised;
    /** Keeps the adapters' starting draw apart from the trainer's own RNG stream (same seed). */
    private static final long LORA_SEED_SALT = 0x4C6F5241L;

    /**
     * @param weights  the base model's weights
     * @param adapters with {@link TrainConfig#lora()}: the adapters to continue from, or null for fresh ones
     *                 ({@link Lora#initialWeights}, seeded from the trainer's seed)
     */
    PolicyTrainer(LlamaConfig cfg, Map<String, TensorData> weights, TrainConfig config, Path sourceDir,
                  Map<String, TensorData> adapters) {
        this.config = config;
        this.sourceDir = sourceDir;
        ModelOptions options = new ModelOptions(config.device(), config.intraOpThreads(), config.interOpThreads(),
                config.xla());
        if (config.xla() && !options.xlaTakesEffect()) {
            System.err.println("train: xla is on but " + ModelOptions.XLA_FLAGS_ENV + " lacks "
                    + ModelOptions.XLA_CPU_FLAG + ", so TF runs the CPU graph without XLA (set it before the JVM starts)");
        }
        this.loss = lossFor(config);
        Map<String, TensorData> all = weights;
        if (config.lora().enabled()) {
            all = new LinkedHashMap<>(weights);
            all.putAll(adapters != null ? adapters : config.lora().initialWeights(cfg, config.seed() ^ LORA_SEED_SALT));
        }
        this.model = new LlamaModel(cfg, all, options, config.lora());
        this.graph = new TrainGraph(model, loss, config);
        this.layerwise = config.recomputeLayers() ? new LayerwiseBackward(model, loss, graph) : null;
        this.schedule = LrSchedule.of(config);
        this.rng = new SplitMix64(config.seed());
        if (loss.needsReference() && !config.lora().enabled()) {
            // with adapters the reference is the frozen base, already in the graph: no second model
            referenceWeights = weights;
        }
    }

    static PolicyLoss lossFor(TrainConfig c) {
        return switch (c.algorithm()) {
            case SFT, RFT -> new MaskedNllLoss();
            case REINFORCE -> new ReinforceLoss();
            case PPO -> new PpoClipLoss(c.clipEps(), c.klCoef());
            case GRPO -> new GrpoLoss(c.clipEps(), c.klCoef());
        };
    }

    /** Opens a Hugging Face checkpoint directory (config.json + safetensors) for training from step 0. */
    public static PolicyTrainer open(Path hfCheckpointDir, TrainConfig config) {
        return open(hfCheckpointDir, null, config);
    }

    /**
     * Opens a base checkpoint with a PEFT LoRA adapter directory ({@link PeftAdapter}) to train those adapters
     * further: their rank, alpha and targets are used; {@code config.lora()} must be unset or agree.
     */
    public static PolicyTrainer open(Path hfCheckpointDir, Path peftAdapterDir, TrainConfig config) {
        PeftAdapter a = null;
        if (peftAdapterDir != null) {
            try {
                a = PeftAdapter.read(peftAdapterDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open " + peftAdapterDir + ": " + e.getMessage(), e);
            }
            Lora want = config.lora();
            if (want.enabled() && (want.rank() != a.lora().rank() || want.alpha() != a.lora().alpha()
                    || want.rslora() != a.lora().rslora()
                    || !Set.copyOf(want.targets()).equals(Set.copyOf(a.lora().targets())))) {
                throw new IllegalArgumentException("the adapter in " + peftAdapterDir + " is " + a.lora()
                        + ", the training config asks for " + want);
            }
            config = config.toBuilder().lora(a.lora()).build();
        }
        try {
            LlamaConfig c = HfCheckpoint.config(hfCheckpointDir);
            return new PolicyTrainer(c, HfCheckpoint.readWeights(hfCheckpointDir,
                    org.selfchallenge.policy.model.WeightNames.shapes(c).keySet()), config, hfCheckpointDir,
                    a == null ? null : a.weights());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + hfCheckpointDir + ": " + e.getMessage(), e);
        }
    }

    /** Resumes from a directory written by {@link #saveCheckpoint(Path)}, with its saved TrainConfig. */
    public static PolicyTrainer resume(Path trainingCheckpointDir) {
        return TrainingCheckpoint.resume(trainingCheckpointDir, null, null);
    }

    /** Resumes with a different configuration (e.g. another device); optimizer state and step are kept. */
    public static PolicyTrainer resume(Path trainingCheckpointDir, TrainConfig override) {
        return TrainingCheckpoint.resume(trainingCheckpointDir, override, null);
    }

    /**
     * Resumes a LoRA checkpoint whose base ({@link BaseReference}) is read from {@code baseDir}, a local copy
     * of it (its recorded location is remote, or moved); its digests must match. {@code override} may be null.
     */
    public static PolicyTrainer resume(Path trainingCheckpointDir, TrainConfig override, Path baseDir) {
        return TrainingCheckpoint.resume(trainingCheckpointDir, override, baseDir);
    }

    public LlamaModel model() {
        init();
        return model;
    }

    public TrainConfig config() {
        return config;
    }

    public long stepCount() {
        return step;
    }

    public long dataCursor() {
        return dataCursor;
    }

    public void setDataCursor(long cursor) {
        this.dataCursor = cursor;
    }

    /** The trainer's RNG (saved in checkpoints), for callers that shuffle or subsample data. */
    public SplitMix64 rng() {
        return rng;
    }

    Path sourceDir() {
        return sourceDir;
    }

    Map<String, TensorData> referenceWeights() {
        return referenceWeights;
    }

    void restoreState(long step, long cursor, long rngState, Map<String, TensorData> m, Map<String, TensorData> v,
                      Map<String, TensorData> ref) {
        init();
        this.step = step;
        this.dataCursor = cursor;
        this.rng.setState(rngState);
        TrainingCheckpoint.loadSlots(model.session(), graph.m, m);
        TrainingCheckpoint.loadSlots(model.session(), graph.v, v);
        if (ref != null) {
            this.referenceWeights = ref;
        }
    }

    private void init() {
        if (!initialised) {
            Session s = model.session();
            Session.Runner r = s.runner();
            graph.zeroAll.forEach(r::addTarget);
            r.run().close();
            initialised = true;
        }
    }

    /** AdamW moments m ({@code first}) or v of every trained weight. */
    Map<String, TensorData> slots(boolean first) {
        return TrainingCheckpoint.readSlots(model.session(), first ? graph.m : graph.v);
    }

    /** Advantages per sequence as the configured algorithm uses them (given ones win when finite). */
    public double[] advantages(List<TrainSequence> batch) {
        int n = batch.size();
        double[] rewards = new double[n];
        long[] groups = new long[n];
        for (int i = 0; i < n; i++) {
            rewards[i] = batch.get(i).reward();
            groups[i] = batch.get(i).groupId();
        }
        double[] computed = switch (config.algorithm()) {
            case SFT, RFT -> new double[n];
            case REINFORCE, PPO -> ReinforceLoss.advantages(rewards);
            case GRPO -> GrpoLoss.advantages(rewards, groups, config.grpoEps());
        };
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double given = batch.get(i).advantage();
            out[i] = Double.isFinite(given) ? given : computed[i];
        }
        return out;
    }

    /** Loss value and gradients of the named weights for a batch, without updating anything. */
    public record Evaluation(double loss, Map<String, float[]> gradients) {
    }

    public Evaluation evaluate(List<TrainSequence> batch, List<String> gradientNames) {
        return evaluate(batch, gradientNames, null);
    }

    /** As above, with the reference policy's per-token log-probs given (null = computed by the reference). */
    public Evaluation evaluate(List<TrainSequence> batch, List<String> gradientNames, float[][] referenceLogprobs) {
        init();
        gradientNames.forEach(graph::gradient); // an untrained name fails before any work
        double[] adv = advantages(batch);
        float[][] ref = referenceLogprobs != null ? referenceLogprobs : referenceLogprobs(batch);
        int tokens = countTokens(batch);
        try (MicroBatch mb = MicroBatch.of(batch, 0, batch.size(), adv, ref, 1.0f / tokens)) {
            Session.Runner r = feed(model.session().runner(), mb).fetch(graph.loss.loss());
            gradientNames.forEach(n -> r.fetch(graph.gradient(n)));
            try (Result res = r.run()) {
                double l = ((TFloat32) res.get(0)).getFloat();
                Map<String, float[]> g = new LinkedHashMap<>();
                for (int i = 0; i < gradientNames.size(); i++) {
                    TFloat32 t = (TFloat32) res.get(1 + i);
                    float[] d = new float[(int) t.size()];
                    t.asRawTensor().data().asFloats().read(d);
                    g.put(gradientNames.get(i), d);
                }
                return new Evaluation(l, g);
            }
        }
    }

    private Session.Runner feed(Session.Runner r, MicroBatch mb) {
        LlamaModel.FullForward ff = model.fullForward();
        return r.feed(ff.ids(), mb.batch.ids).feed(ff.positions(), mb.batch.pos).feed(ff.keyMask(), mb.batch.mask)
                .feed(ff.targets(), mb.batch.targets).feed(graph.lossMask, mb.lossMask).feed(graph.oldLogp, mb.oldLogp)
                .feed(graph.refLogp, mb.refLogp).feed(graph.advantages, mb.advantages)
                .feed(graph.tokenNorm, mb.tokenNorm);
    }

    private static int countTokens(List<TrainSequence> batch) {
        int n = 0;
        for (TrainSequence s : batch) {
            n += s.trainableTokens();
        }
        return n;
    }

    private float[][] referenceLogprobs(List<TrainSequence> batch) {
        if (!loss.needsReference()) {
            return null;
        }
        boolean frozenBase = config.lora().enabled();
        if (reference == null && !frozenBase) {
            reference = new LlamaModel(model.config, referenceWeights, model.options);
        }
        int[][] seqs = new int[batch.size()][];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = batch.get(i).tokens();
        }
        float[][] out = new float[seqs.length][];
        int mbs = config.microBatchSize();
        for (int s = 0; s < seqs.length; s += mbs) {
            int e = Math.min(seqs.length, s + mbs);
            int[][] mb = java.util.Arrays.copyOfRange(seqs, s, e);
            float[][] part = frozenBase ? model.baseTokenLogprobs(mb) : reference.tokenLogprobs(mb);
            System.arraycopy(part, 0, out, s, e - s);
        }
        return out;
    }

    /**
     * One optimizer step over the batch (gradient accumulation over micro-batches of the configured size).
     * A batch without trainable tokens changes nothing and reports 0 tokens.
     */
    public TrainMetrics step(List<TrainSequence> batch) {
        long t0 = System.nanoTime();
        init();
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        if (loss.needsBehaviourLogprobs()) {
            for (TrainSequence s : batch) {
                if (s.behaviourLogprobs() == null) {
                    throw new IllegalArgumentException(config.algorithm() + " needs behaviour log-probs on every sequence");
                }
            }
        }
        int[][] rows = new int[batch.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = batch.get(i).tokens();
        }
        model.checkIds(rows);
        int tokens = countTokens(batch);
        double meanReward = batch.stream().mapToDouble(TrainSequence::reward).average().orElse(0);
        if (tokens == 0) {
            return new TrainMetrics(step, 0, 0, 0, batch.size(), 0, 0, 1, 0, 0, meanReward,
                    (System.nanoTime() - t0) / 1e9);
        }
        double[] adv = advantages(batch);
        float[][] ref = referenceLogprobs(batch);
        double lossSum = 0;
        double ratioSum = 0;
        double clipSum = 0;
        double klSum = 0;
        double logpSum = 0;
        Session sess = model.session();
        for (int s = 0; s < batch.size(); s += config.microBatchSize()) {
            int e = Math.min(batch.size(), s + config.microBatchSize());
            try (MicroBatch mb = MicroBatch.of(batch, s, e, adv, ref, 1.0f / tokens)) {
                if (layerwise != null) {
                    LayerwiseBackward.Sums sums = layerwise.accumulate(sess, r -> feed(r, mb));
                    lossSum += sums.loss();
                    ratioSum += sums.ratio();
                    clipSum += sums.clip();
                    klSum += sums.kl();
                    logpSum += sums.logp();
                    continue;
                }
                Session.Runner r = feed(sess.runner(), mb);
                graph.accumulate.forEach(r::addTarget);
                r.fetch(graph.loss.loss()).fetch(graph.loss.ratioSum()).fetch(graph.loss.clipSum())
                        .fetch(graph.loss.klSum()).fetch(graph.logpSum);
                try (Result res = r.run()) {
                    lossSum += ((TFloat32) res.get(0)).getFloat();
                    ratioSum += ((TFloat32) res.get(1)).getFloat();
                    clipSum += ((TFloat32) res.get(2)).getFloat();
                    klSum += ((TFloat32) res.get(3)).getFloat();
                    logpSum += ((TFloat32) res.get(4)).getFloat();
                }
            }
        }
        double lr = schedule.at(step);
        long t = step + 1;
        float bc1 = (float) (1 - Math.pow(config.beta1(), t));
        float bc2 = (float) (1 - Math.pow(config.beta2(), t));
        double gnorm;
        try (TFloat32 lrT = TFloat32.scalarOf((float) lr); TFloat32 b1 = TFloat32.scalarOf(bc1);
             TFloat32 b2 = TFloat32.scalarOf(bc2)) {
            Session.Runner r = sess.runner().feed(graph.lr, lrT).feed(graph.biasCorr1, b1).feed(graph.biasCorr2, b2)
                    .fetch(graph.gradNorm);
            graph.apply.forEach(r::addTarget);
            try (Result res = r.run()) {
                gnorm = ((TFloat32) res.get(0)).getFloat();
            } finally {
                model.weightsChanged();
            }
        }
        step++;
        boolean ppo = loss.needsBehaviourLogprobs();
        return new TrainMetrics(step, lossSum, gnorm, lr, batch.size(), tokens, logpSum / tokens,
                ppo ? ratioSum / tokens : 1.0, ppo ? clipSum / tokens : 0.0, klSum / tokens, meanReward,
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Writes a training checkpoint (weights, AdamW moments, step, RNG state, data cursor, config). With LoRA
     * the frozen base is referenced where it was read from ({@link BaseReference}).
     */
    public void saveCheckpoint(Path dir) {
        saveCheckpoint(dir, null);
    }

    /**
     * As {@link #saveCheckpoint(Path)}, recording {@code baseLocation} as where the base lives: for a trainer
     * opened from a local copy (the Spark job copies an HDFS or S3 policy to local disk).
     */
    public void saveCheckpoint(Path dir, String baseLocation) {
        init();
        TrainingCheckpoint.save(this, dir, baseLocation);
    }

    /**
     * The reference to the frozen base, at {@code location} when given, else where it was last recorded
     * (a resumed trainer keeps its checkpoint's), else at {@link #sourceDir}; null without a source directory.
     */
    BaseReference baseReference(String location) throws IOException {
        if (sourceDir == null) {
            return null;
        }
        if (base == null) {
            base = BaseReference.of(location != null ? location : sourceDir.toAbsolutePath().toString(), sourceDir);
        } else if (location != null && !location.equals(base.location())) {
            base = new BaseReference(location, base.files());
        }
        return base;
    }

    /** A resumed trainer's base, verified against its digests. */
    void setBaseReference(BaseReference verified) {
        this.base = verified;
    }

    /**
     * Writes a Hugging Face checkpoint (config.json, model.safetensors in the config's dtype, tokenizer files);
     * adapters are folded into the weights (W + s B A), so the export is a plain model of the same config.
     */
    public void exportHf(Path dir) {
        exportHf(dir, DType.fromTorch(model.config.torchDtype));
    }

    public void exportHf(Path dir, DType dtype) {
        try {
            HfCheckpoint.write(dir, model.config, model().mergedWeights(), dtype,
                    HfCheckpoint.DEFAULT_MAX_SHARD_BYTES, sourceDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export to " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (reference != null) {
            reference.close();
        }
        model.close();
    }
}
