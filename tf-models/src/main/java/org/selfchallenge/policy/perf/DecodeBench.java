package org.selfchallenge.policy.perf;

import org.selfchallenge.policy.config.LlamaConfig;
import org.selfchallenge.policy.model.KvCache;
import org.selfchallenge.policy.model.LlamaModel;
import org.selfchallenge.policy.model.ModelOptions;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The decode part of {@link ModelBench}: KV-cache step time, its fixed floor and the cost of its matrix products. */
final class DecodeBench {
    private static final int DECODE_ROUNDS = 3;
    /** Unmeasured rounds after the first, so that the JIT has compiled the per-step Java code (steady state). */
    private static final int WARMUP_ROUNDS = 3;
    static final int PROMPT = 64;

    private DecodeBench() {
    }

    /**
     * Decode: batch 1 and batch 8 KV-cache steps after a 64-token prompt. A first round (JIT, TF's
     * per-signature executor setup, oneDNN primitives created per new shape) is reported apart as
     * first_round_step_ms, then WARMUP_ROUNDS unmeasured and DECODE_ROUNDS measured rounds of {@code steps}
     * steps each over the same lengths;
     * step_ms is their median. floor_ms: a Session.run with the same feeds and fetches (shapes of the middle
     * step) through an empty graph (Identity ops): the fixed TF + Java cost under every step. matmul_only_ms: one
     * Session.run of just the step's dense products (all linear layers and the LM head on B rows, weights read
     * from variables): at small B they stream every weight from memory, a cost the FLOP count does not see.
     */
    static void decode(ModelBench.Size s, ModelOptions opts, double peak, int steps) throws IOException {
        Path dir = ModelBench.checkpoint(s);
        try (LlamaModel m = LlamaModel.load(dir, opts)) {
            LlamaConfig c = m.config;
            int prompt = PROMPT;
            for (int b : new int[]{1, 8}) {
                double first = decodeRound(m, b, prompt, steps);
                double[] rounds = measuredRounds(m, b, steps);
                double stepMs = median(rounds);
                // compute estimate: 2 * N_matmul FLOPs per token + attention over ~prompt+steps/2 keys
                double flops = b * (ModelBench.trainFlopsPerToken(c, prompt + steps / 2) / 3.0);
                double computeMs = flops / (peak * 1e9) * 1000;
                double floorMs = feedFetchFloorMs(opts, c, b, prompt + steps / 2);
                double matmulMs = matmulOnlyMs(opts, c, b);
                System.out.printf(Locale.ROOT, "{\"bench\": \"decode\", \"size\": \"%s\", \"batch\": %d, "
                                + "\"step_ms\": %.3f, \"tokens_per_s\": %.0f, \"compute_ms_at_peak\": %.3f, "
                                + "\"overhead_ms\": %.3f, \"floor_ms\": %.3f, \"matmul_only_ms\": %.3f, "
                                + "\"step_ms_rounds\": [%.3f, %.3f, %.3f], \"first_round_step_ms\": %.3f}%n",
                        s.name(), b, stepMs, b * 1000 / stepMs, computeMs, stepMs - computeMs, floorMs, matmulMs,
                        rounds[0], rounds[1], rounds[2], first);
            }
        }
    }

    /** ms per step of DECODE_ROUNDS rounds after WARMUP_ROUNDS unmeasured ones (a first round is expected done). */
    static double[] measuredRounds(LlamaModel m, int b, int steps) {
        for (int w = 0; w < WARMUP_ROUNDS; w++) {
            decodeRound(m, b, PROMPT, steps);
        }
        double[] rounds = new double[DECODE_ROUNDS];
        for (int r = 0; r < DECODE_ROUNDS; r++) {
            rounds[r] = decodeRound(m, b, PROMPT, steps);
        }
        return rounds;
    }

    static double median(double[] xs) {
        double[] sorted = xs.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Prefill of {@code prompt} tokens, then {@code steps} one-token steps; returns ms per decode step. */
    static double decodeRound(LlamaModel m, int b, int prompt, int steps) {
        int vocab = m.config.vocabSize;
        int[][] ids = new int[b][prompt];
        int[][] pos = new int[b][prompt];
        float[][] mask = new float[b][prompt + steps];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < prompt; j++) {
                ids[i][j] = (i * 13 + j * 7) % vocab;
                pos[i][j] = j;
            }
            java.util.Arrays.fill(mask[i], 1f);
        }
        KvCache cache = m.step(ids, pos, trim(mask, prompt), m.emptyCache(b)).cache();
        try {
            long t0 = System.nanoTime();
            for (int k = 0; k < steps; k++) {
                int p = prompt + k;
                cache = m.step(col(b, (p * 5) % vocab), col(b, p), trim(mask, p + 1), cache).cache();
            }
            return (System.nanoTime() - t0) / 1e6 / steps;
        } finally {
            cache.close();
        }
    }

    /** Best-of-3 ms of one Session.run of the decode step's matrix products (see {@link #decode}). */
    static double matmulOnlyMs(ModelOptions opts, LlamaConfig c, int b) {
        try (Graph g = new Graph(); Session s = new Session(g, opts.sessionConfig())) {
            Ops tf = Ops.create(g).withDevice(opts.deviceSpec());
            int d = c.hiddenSize;
            int q = c.numHeads * c.headDim;
            int kv = c.numKvHeads * c.headDim;
            int inter = c.intermediateSize;
            Operand<TFloat32> xd = randomVariable(tf, b, d);
            Operand<TFloat32> xq = randomVariable(tf, b, q);
            Operand<TFloat32> xi = randomVariable(tf, b, inter);
            List<Operand<TFloat32>> products = new ArrayList<>();
            for (int l = 0; l < c.numLayers; l++) {
                for (int out : new int[]{q, kv, kv, inter, inter}) { // q, k, v, gate, up
                    products.add(tf.linalg.matMul(xd, randomVariable(tf, out, d), MatMul.transposeB(true)));
                }
                products.add(tf.linalg.matMul(xq, randomVariable(tf, d, q), MatMul.transposeB(true)));     // o
                products.add(tf.linalg.matMul(xi, randomVariable(tf, d, inter), MatMul.transposeB(true))); // down
            }
            products.add(tf.linalg.matMul(xd, randomVariable(tf, c.vocabSize, d), MatMul.transposeB(true)));
            s.initialize();
            double best = Double.MAX_VALUE;
            for (int r = 0; r < 4; r++) { // the first round is a warm-up
                int iters = 200;
                long t0 = System.nanoTime();
                for (int it = 0; it < iters; it++) {
                    Session.Runner run = s.runner();
                    products.forEach(p -> run.addTarget(p.op()));
                    run.run().close();
                }
                if (r > 0) {
                    best = Math.min(best, (System.nanoTime() - t0) / 1e6 / iters);
                }
            }
            return best;
        }
    }

    private static Operand<TFloat32> randomVariable(Ops tf, int rows, int cols) {
        return tf.variable(tf.math.mul(tf.random.randomUniform(tf.constant(new int[]{rows, cols}), TFloat32.class,
                RandomUniform.seed(1L)), tf.constant(0.02f)));
    }

    /**
     * Session.run feeding what a one-token step feeds (small-cache variant): ids [B], RoPE cos and sin
     * [B, H + 2Hkv, 1, D], bias [B,1,1,P+1] and 2L caches [B,Hkv,P,D]; fetches 1 + 2L tensors.
     */
    static double feedFetchFloorMs(ModelOptions opts, LlamaConfig c, int b, int past) {
        int n = 2 * c.numLayers;
        try (Graph g = new Graph(); Session s = new Session(g, opts.sessionConfig())) {
            Ops tf = Ops.create(g);
            List<Operand<TFloat32>> in = new ArrayList<>();
            List<TFloat32> feeds = new ArrayList<>();
            Shape rope = Shape.of(b, c.numHeads + 2L * c.numKvHeads, 1, c.headDim);
            List<Shape> shapes = new ArrayList<>(List.of(Shape.of(b), rope, rope, Shape.of(b, 1, 1, past + 1)));
            for (int i = 0; i < n; i++) {
                shapes.add(Shape.of(b, c.numKvHeads, past, c.headDim));
            }
            try {
                for (Shape sh : shapes) {
                    in.add(tf.placeholder(TFloat32.class));
                    feeds.add(TFloat32.tensorOf(sh, DataBuffers.of(new float[(int) sh.size()], true, false)));
                }
                List<Operand<TFloat32>> out = new ArrayList<>();
                for (int i = 3; i < in.size(); i++) { // bias stands in for the logits, caches for the new caches
                    out.add(tf.identity(in.get(i)));
                }
                double best = Double.MAX_VALUE;
                for (int r = 0; r < 3; r++) {
                    int iters = 2000;
                    long t0 = System.nanoTime();
                    for (int it = 0; it < iters; it++) {
                        Session.Runner run = s.runner();
                        for (int i = 0; i < in.size(); i++) {
                            run.feed(in.get(i), feeds.get(i));
                        }
                        out.forEach(run::fetch);
                        run.run().close();
                    }
                    best = Math.min(best, (System.nanoTime() - t0) / 1e6 / iters);
                }
                return best;
            } finally {
                feeds.forEach(TFloat32::close);
            }
        }
    }

    private static float[][] trim(float[][] mask, int w) {
        float[][] out = new float[mask.length][];
        for (int i = 0; i < mask.length; i++) {
            out[i] = java.util.Arrays.copyOf(mask[i], w);
        }
        return out;
    }

    private static int[][] col(int b, int v) {
        int[][] out = new int[b][1];
        for (int[] r : out) {
            r[0] = v;
        }
        return out;
    }
}
