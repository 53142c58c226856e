package org.selfchallenge.policy.perf;

import org.selfchallenge.policy.config.LlamaConfig;
import org.selfchallenge.policy.io.DType;
import org.selfchallenge.policy.io.HfCheckpoint;
import org.selfchallenge.policy.model.Lora;
import org.selfchallenge.policy.model.ModelOptions;
import org.selfchallenge.policy.model.RandomInit;
import org.selfchallenge.policy.train.Algorithm;
import org.selfchallenge.policy.train.PolicyTrainer;
import org.selfchallenge.policy.train.TrainConfig;
import org.selfchallenge.policy.train.TrainingCheckpoint;
import org.selfchallenge.policy.train.TrainSequence;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code run.sh bench model [--quick] [--xla] [--decode-only] [--device D] [--threads N] [--rss-steps N]}: measured
 * FP32 peak (a chain of large MatMuls), training tokens/s and achieved GFLOP/s at two sizes (tiny, d_model 512),
 * KV-cache decode tokens/s and the fixed cost per decode step, and resident memory over many training steps.
 * {@code --xla}: the training graph compiled by XLA (train.xla).
 * {@code run.sh bench model --peer [--rounds R]}: the same training and decoding interleaved with PyTorch
 * ({@link PeerBench}).
 * {@code run.sh bench model --train-memory [--modes m1,m2]}: peak resident memory of training a 0.3B model with
 * LoRA adapters and with every weight, and on 1,024-token sequences with and without layers recomputed
 * ({@link #trainMemory}; a process keeps memory a mode freed, so compare modes run in separate processes).
 * <p>Training FLOPs per token (forward + backward = 3x forward):
 * {@code 6 * N_matmul + 12 * L * T * d_attn}, where N_matmul counts the weights used in matrix products
 * (all linear layers and the LM head, not the embedding gather), T the sequence length (full T x T scores are
 * computed) and d_attn = heads * head_dim.
 */
public final class ModelBench {
    private static final int PEAK_N = 2048;
    private static final int PEAK_CHAIN = 8;

    private ModelBench() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    record Size(String name, int vocab, int d, int layers, int heads, int kvHeads, int batch, int seq) {
    }

    static final List<Size> SIZES = List.of(new Size("tiny", 512, 128, 2, 4, 2, 8, 128),
            new Size("d512", 4096, 512, 4, 8, 4, 8, 128));

    public static int run(String[] args) {
        boolean quick = false;
        boolean decodeOnly = false;
        boolean trainMemory = false;
        List<String> memoryModes = TRAIN_MEMORY_MODES;
        String device = ModelOptions.CPU;
        int threads = 0;
        int rssSteps = 1000;
        boolean peer = false;
        boolean xla = false;
        int rounds = PeerBench.DEFAULT_ROUNDS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--decode-only" -> decodeOnly = true;
                case "--train-memory" -> trainMemory = true;
                case "--modes" -> memoryModes = List.of(args[++i].split(","));
                case "--device" -> device = args[++i];
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rss-steps" -> rssSteps = Integer.parseInt(args[++i]);
                case "--peer" -> peer = true;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--xla" -> xla = true;
                case "model" -> { }
                default -> {
                    System.err.println("usage: bench model [--quick] [--xla] [--decode-only | --train-memory [--modes M,...]"
                            + " | --peer [--rounds R]] [--device D] [--threads N] [--rss-steps N]");
                    return 2;
                }
            }
        }
        try {
            ModelOptions opts = new ModelOptions(device, threads, 1, xla);
            if (peer) {
                return PeerBench.run(opts, SIZES, rounds, quick ? 3 : 10, quick ? 16 : 64);
            }
            if (trainMemory) {
                trainMemory(opts, memoryModes);
                return 0;
            }
            // the machine may be shared: take the best of several runs, before and after the model benchmarks
            double peak = peakGflops(opts);
            System.out.printf(Locale.ROOT, "{\"bench\": \"fp32_peak\", \"device\": \"%s\", \"gflops\": %.1f}%n", device, peak);
            System.out.printf(Locale.ROOT, "{\"bench\": \"session_run\", \"trivial_run_ms\": %.4f}%n",
                    trivialRunMs(opts));
            List<Size> sizes = SIZES;
            // first, so earlier benchmarks' freed memory does not mask growth
            if (!decodeOnly) {
                rss(sizes.get(0), opts, quick ? Math.min(rssSteps, 200) : rssSteps);
            }
            for (Size s : sizes) {
                if (!decodeOnly) {
                    train(s, opts, peak, quick ? 3 : 10);
                }
                DecodeBench.decode(s, opts, peak, quick ? 16 : 64);
            }
            double peakAfter = peakGflops(opts);
            System.out.printf(Locale.ROOT, "{\"bench\": \"fp32_peak_after\", \"device\": \"%s\", \"gflops\": %.1f, "
                    + "\"note\": \"fractions above use the first peak; recompute with the larger if they differ\"}%n",
                    device, peakAfter);
            return 0;
        } catch (Exception e) {
            System.err.println("bench model failed: " + e);
            return 1;
        }
    }

    /** FP32 peak: PEAK_CHAIN dependent N x N MatMuls per run, 2 N^3 FLOPs each; best of several runs. */
    static double peakGflops(ModelOptions opts) {
        try (Graph g = new Graph(); Session s = new Session(g, opts.sessionConfig())) {
            Ops tf = Ops.create(g).withDevice(opts.deviceSpec());
            Operand<TFloat32> a = tf.random.randomUniform(tf.constant(new int[]{PEAK_N, PEAK_N}), TFloat32.class,
                    RandomUniform.seed(1L));
            Operand<TFloat32> x = tf.variable(tf.math.mul(a, tf.constant(0.01f)));
            Operand<TFloat32> y = x;
            for (int i = 0; i < PEAK_CHAIN; i++) {
                y = tf.linalg.matMul(y, x);
            }
            Operand<TFloat32> sum = tf.sum(y, tf.constant(new int[]{0, 1}));
            s.initialize();
            double best = 0;
            for (int r = 0; r < 10; r++) {
                long t0 = System.nanoTime();
                try (Result res = s.runner().fetch(sum).run()) {
                    res.get(0);
                }
                double sec = (System.nanoTime() - t0) / 1e9;
                best = Math.max(best, PEAK_CHAIN * 2.0 * PEAK_N * (double) PEAK_N * PEAK_N / sec / 1e9);
            }
            return best;
        }
    }

    /** Fixed cost of one Session.run (feed a scalar, fetch a scalar): the floor under every decode step. */
    static double trivialRunMs(ModelOptions opts) {
        try (Graph g = new Graph(); Session s = new Session(g, opts.sessionConfig());
             TFloat32 x = TFloat32.scalarOf(1f)) {
            Ops tf = Ops.create(g);
            var p = tf.placeholder(TFloat32.class);
            Operand<TFloat32> y = tf.math.add(p, tf.constant(1f));
            for (int i = 0; i < 500; i++) {
                s.runner().feed(p, x).fetch(y).run().close();
            }
            int n = 5000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                s.runner().feed(p, x).fetch(y).run().close();
            }
            return (System.nanoTime() - t0) / 1e6 / n;
        }
    }

    static LlamaConfig config(Size s) {
        return LlamaConfig.parse(String.format(Locale.ROOT, "{\"model_type\": \"llama\", \"vocab_size\": %d, "
                        + "\"hidden_size\": %d, \"intermediate_size\": %d, \"num_hidden_layers\": %d, "
                        + "\"num_attention_heads\": %d, \"num_key_value_heads\": %d, \"max_position_embeddings\": 4096}",
                s.vocab, s.d, 4 * s.d, s.layers, s.heads, s.kvHeads));
    }

    static double trainFlopsPerToken(LlamaConfig c, int seq) {
        long d = c.hiddenSize;
        long q = (long) c.numHeads * c.headDim;
        long kv = (long) c.numKvHeads * c.headDim;
        long perLayer = d * q * 2 + d * kv * 2 + 3L * d * c.intermediateSize;
        long matmul = perLayer * c.numLayers + (long) c.vocabSize * d;
        return 6.0 * matmul + 12.0 * c.numLayers * seq * q;
    }

    static Path checkpoint(Size s) throws IOException {
        Path dir = Files.createTempDirectory("bench-" + s.name);
        LlamaConfig c = config(s);
        HfCheckpoint.write(dir, c, RandomInit.weights(c, 1, RandomInit.DEFAULT_INIT_RANGE).values(), DType.F32,
                HfCheckpoint.DEFAULT_MAX_SHARD_BYTES, null);
        return dir;
    }

    static List<TrainSequence> batch(Size s, int step) {
        List<TrainSequence> b = new ArrayList<>();
        for (int i = 0; i < s.batch; i++) {
            int[] t = new int[s.seq];
            boolean[] m = new boolean[s.seq];
            for (int j = 0; j < s.seq; j++) {
                t[j] = (int) ((j * 31L + i * 17L + step * 7L) % s.vocab);
                m[j] = j > s.seq / 4;
            }
            b.add(TrainSequence.supervised(t, m));
        }
        return b;
    }

    static void train(Size s, ModelOptions opts, double peak, int steps) throws IOException {
        trainTokensPerSecond(s, opts, peak, steps, true);
    }

    /** Training tokens/s of {@code steps} steps after one warm-up step; with print, the JSON line too. */
    static double trainTokensPerSecond(Size s, ModelOptions opts, double peak, int steps, boolean print)
            throws IOException {
        Path dir = checkpoint(s);
        TrainConfig cfg = TrainConfig.builder().algorithm(Algorithm.SFT).microBatchSize(s.batch).xla(opts.xla())
                .device(opts.device()).threads(opts.intraOpThreads(), opts.interOpThreads()).build();
        try (PolicyTrainer t = PolicyTrainer.open(dir, cfg)) {
            t.step(batch(s, 0)); // warm-up (graph optimisation, allocations)
            long t0 = System.nanoTime();
            for (int i = 1; i <= steps; i++) {
                t.step(batch(s, i));
            }
            double sec = (System.nanoTime() - t0) / 1e9;
            // every position is processed in the forward/backward, masked or not
            double tokens = (double) steps * s.batch * s.seq;
            double gflops = tokens * trainFlopsPerToken(t.model().config, s.seq) / sec / 1e9;
            if (!print) {
                return tokens / sec;
            }
            System.out.printf(Locale.ROOT, "{\"bench\": \"train\", \"size\": \"%s\", \"params\": %d, \"d_model\": %d, "
                            + "\"batch\": %d, \"seq\": %d, \"step_ms\": %.1f, \"tokens_per_s\": %.0f, \"gflops\": %.1f, "
                            + "\"fraction_of_peak\": %.3f}%n", s.name, t.model().config.parameterCount(), s.d, s.batch,
                    s.seq, sec * 1000 / steps, tokens / sec, gflops, gflops / peak);
            return tokens / sec;
        } finally {
            TrainingCheckpoint.deleteTree(dir);
        }
    }

    /** {@link #trainMemory}'s modes, in the order it runs them by default. */
    static final List<String> TRAIN_MEMORY_MODES = List.of("lora_r16", "lora_r16_grpo_kl", "full", "lora_r16_t1024",
            "lora_r16_t1024_recompute");

    /**
     * Peak resident memory of a few training steps of a 0.3B-parameter model (d 1024, 16 layers, vocab 32000):
     * rank-16 adapters on every projection (SFT, then GRPO with a KL penalty, whose reference is the frozen
     * base in the same graph), then SFT of every weight: the frozen-base saving that lets an 8B model train on
     * one GPU; then adapters on 1,024-token sequences with the whole-graph backward and with layers
     * recomputed. The high-water mark is reset before each (Linux clear_refs), but memory an earlier mode
     * freed may stay in the process: compare modes each in its own process ({@code --modes}).
     */
    static void trainMemory(ModelOptions opts, List<String> modes) throws IOException {
        if (!TRAIN_MEMORY_MODES.containsAll(modes)) {
            throw new IllegalArgumentException("--modes: one of " + TRAIN_MEMORY_MODES + ", got " + modes);
        }
        Size base = new Size("d1024", 32_000, 1024, 16, 16, 4, 2, 256);
        // the same model on 1,024-token sequences, whose attention probabilities (16 heads x T^2 floats per
        // layer and sequence) dominate a whole-graph backward, with and without layers recomputed
        Size longSeq = new Size("d1024", 32_000, 1024, 16, 16, 4, 2, 1024);
        Path dir = checkpoint(base);
        try {
            for (String mode : modes) {
                Size s = mode.contains("_t1024") ? longSeq : base;
                Lora lora = mode.startsWith("lora") ? Lora.allProjections(16) : Lora.NONE;
                boolean kl = mode.endsWith("_kl");
                System.gc();
                Files.writeString(Path.of("/proc/self/clear_refs"), "5");
                long before = status("VmHWM:");
                TrainConfig cfg = TrainConfig.builder().algorithm(kl ? Algorithm.GRPO : Algorithm.SFT).klCoef(kl ? 0.05 : 0)
                        .microBatchSize(s.batch).lora(lora).recomputeLayers(mode.endsWith("_recompute"))
                        .device(opts.device()).threads(opts.intraOpThreads(), opts.interOpThreads()).build();
                try (PolicyTrainer t = PolicyTrainer.open(dir, cfg)) {
                    long t0 = 0;
                    for (int i = 0; i < 3; i++) {
                        if (i == 1) { // the first step builds and warms the graph
                            t0 = System.nanoTime();
                        }
                        List<TrainSequence> b = batch(s, i);
                        if (kl) { // rollouts with unknown behaviour log-probs (taken as on-policy), rewards 1 and 0
                            List<TrainSequence> r = new ArrayList<>();
                            for (int k = 0; k < b.size(); k++) {
                                float[] lp = new float[b.get(k).tokens().length];
                                java.util.Arrays.fill(lp, Float.NaN);
                                r.add(TrainSequence.rollout(b.get(k).tokens(), b.get(k).mask(), lp, k % 2, 0));
                            }
                            b = r;
                        }
                        t.step(b);
                    }
                    long trained = lora.enabled() ? lora.shapes(t.model().config).values().stream()
                            .mapToLong(x -> x[0] * x[1]).sum() : t.model().config.parameterCount();
                    double stepMs = (System.nanoTime() - t0) / 2e6;
                    System.out.printf(Locale.ROOT, "{\"bench\": \"train_memory\", \"mode\": \"%s\", \"params\": %d, "
                                    + "\"trained_params\": %d, \"seq\": %d, \"batch\": %d, \"step_ms\": %.0f, "
                                    + "\"rss_mb_before\": %.0f, \"peak_rss_mb\": %.0f}%n", mode,
                            t.model().config.parameterCount(), trained, s.seq, s.batch, stepMs, before / 1024.0,
                            status("VmHWM:") / 1024.0);
                }
            }
        } finally {
            TrainingCheckpoint.deleteTree(dir);
        }
    }

    static long rssKb() throws IOException {
        return status("VmRSS:");
    }

    /** A kB field of /proc/self/status. */
    static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** Resident memory after 10%, 50% and 100% of the steps (a leak of ~MBs per step would show at once). */
    static void rss(Size s, ModelOptions opts, int steps) throws IOException {
        Path dir = checkpoint(s);
        Size small = new Size(s.name, s.vocab, s.d, s.layers, s.heads, s.kvHeads, 4, 64);
        TrainConfig cfg = TrainConfig.builder().algorithm(Algorithm.SFT).microBatchSize(2)
                .device(opts.device()).threads(opts.intraOpThreads(), opts.interOpThreads()).build();
        try (PolicyTrainer t = PolicyTrainer.open(dir, cfg)) {
            long early = 0;
            long mid = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                t.step(batch(small, i));
                if (i == steps / 10) {
                    System.gc();
                    early = rssKb();
                } else if (i == steps / 2) {
                    System.gc();
                    mid = rssKb();
                }
            }
            System.gc();
            long end = rssKb();
            System.out.printf(Locale.ROOT, "{\"bench\": \"rss\", \"steps\": %d, \"rss_mb_at_10pct\": %.1f, "
                            + "\"rss_mb_at_50pct\": %.1f, \"rss_mb_at_end\": %.1f, \"growth_mb\": %.1f, "
                            + "\"seconds\": %.1f}%n", steps, early / 1024.0, mid / 1024.0, end / 1024.0,
                    (end - early) / 1024.0, (System.nanoTime() - t0) / 1e9);
        } finally {
            TrainingCheckpoint.deleteTree(dir);
        }
    }
}
