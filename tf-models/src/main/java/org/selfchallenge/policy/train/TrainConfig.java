package org.selfchallenge.policy.train;

import org.selfchallenge.policy.model.Lora;

/**
 * Hyper-parameters of {@link PolicyTrainer}. Build with {@link #builder()}; every field has a named default.
 *
 * @param algorithm      objective (see {@link Algorithm})
 * @param learningRate   peak learning rate after warmup
 * @param minLrRatio     cosine floor as a fraction of the peak
 * @param warmupSteps    linear warmup steps from 0 to the peak
 * @param totalSteps     steps of the cosine schedule (after which the floor is held); 0 = constant after warmup
 * @param weightDecay    AdamW decoupled weight decay (applied to matrices, not to norms and biases)
 * @param beta1          Adam first-moment decay
 * @param beta2          Adam second-moment decay
 * @param adamEps        Adam epsilon
 * @param maxGradNorm    global L2 gradient clipping threshold; &lt;= 0 disables
 * @param microBatchSize sequences per forward/backward pass; a step over more sequences accumulates gradients
 * @param clipEps        PPO/GRPO ratio clip epsilon
 * @param klCoef         coefficient of the KL penalty to the frozen starting policy (PPO/GRPO); 0 = none
 * @param grpoEps        GRPO advantage denominator epsilon
 * @param seed           seed of the trainer's RNG (saved and restored with checkpoints)
 * @param device         TF device string, e.g. "/CPU:0" or "/GPU:0"
 * @param intraOpThreads TF intra-op threads (0 = number of available processors)
 * @param interOpThreads TF inter-op threads
 * @param lora           low-rank adapters to train instead of every weight ({@link Lora#NONE}: full fine-tuning)
 * @param recomputeLayers activation checkpointing by layer ({@link LayerwiseBackward}): keep only each layer's
 *                       input from the forward and recompute the layer in the backward, one layer at a time
 * @param xla            compile the training graph with XLA auto-clustering ({@link ModelOptions#xla()})
 */
public record TrainConfig(Algorithm algorithm, double learningRate, double minLrRatio, int warmupSteps,
                          int totalSteps, double weightDecay, double beta1, double beta2, double adamEps,
                          double maxGradNorm, int microBatchSize, double clipEps, double klCoef, double grpoEps,
                          long seed, String device, int intraOpThreads, int interOpThreads, Lora lora,
                          boolean recomputeLayers, boolean xla) {

    public static final double DEFAULT_LR = 1e-4;
    public static final double DEFAULT_MIN_LR_RATIO = 0.1;
    public static final int DEFAULT_WARMUP = 0;
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_ADAM_EPS = 1e-8;
    public static final double DEFAULT_MAX_GRAD_NORM = 1.0;
    public static final int DEFAULT_MICRO_BATCH = 8;
    public static final double DEFAULT_CLIP_EPS = 0.2;
    public static final double DEFAULT_GRPO_EPS = 1e-6;
    public static final String DEFAULT_DEVICE = "/CPU:0";

    public TrainConfig {
        if (algorithm == null) {
            throw new IllegalArgumentException("algorithm is required");
        }
        if (!(learningRate >= 0)) {
            throw new IllegalArgumentException("learningRate must be >= 0: " + learningRate);
        }
        if (microBatchSize < 1) {
            throw new IllegalArgumentException("microBatchSize must be >= 1: " + microBatchSize);
        }
        if (warmupSteps < 0 || totalSteps < 0) {
            throw new IllegalArgumentException("warmupSteps/totalSteps must be >= 0");
        }
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0,1): " + beta1 + ", " + beta2);
        }
        if (device == null || device.isBlank()) {
            device = DEFAULT_DEVICE;
        }
        if (lora == null) { // checkpoints written before adapters existed
            lora = Lora.NONE;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.algorithm = algorithm; b.learningRate = learningRate; b.minLrRatio = minLrRatio;
        b.warmupSteps = warmupSteps; b.totalSteps = totalSteps; b.weightDecay = weightDecay; b.beta1 = beta1;
        b.beta2 = beta2; b.adamEps = adamEps; b.maxGradNorm = maxGradNorm; b.microBatchSize = microBatchSize;
        b.clipEps = clipEps; b.klCoef = klCoef; b.grpoEps = grpoEps; b.seed = seed; b.device = device;
        b.intraOpThreads = intraOpThreads; b.interOpThreads = interOpThreads; b.lora = lora;
        b.recomputeLayers = recomputeLayers; b.xla = xla;
        return b;
    }

    /** Mutable builder with the defaults above. */
    public static final class Builder {
        private Algorithm algorithm = Algorithm.SFT;
        private double learningRate = DEFAULT_LR;
        private double minLrRatio = DEFAULT_MIN_LR_RATIO;
        private int warmupSteps = DEFAULT_WARMUP;
        private int totalSteps = 0;
        private double weightDecay = DEFAULT_WEIGHT_DECAY;
        private double beta1 = DEFAULT_BETA1;
        private double beta2 = DEFAULT_BETA2;
        private double adamEps = DEFAULT_ADAM_EPS;
        private double maxGradNorm = DEFAULT_MAX_GRAD_NORM;
        private int microBatchSize = DEFAULT_MICRO_BATCH;
        private double clipEps = DEFAULT_CLIP_EPS;
        private double klCoef = 0.0;
        private double grpoEps = DEFAULT_GRPO_EPS;
        private long seed = 0L;
        private String device = DEFAULT_DEVICE;
        private int intraOpThreads = 0;
        private int interOpThreads = 1;
        private Lora lora = Lora.NONE;
        private boolean recomputeLayers = false;
        private boolean xla = false;

        public Builder algorithm(Algorithm v) { algorithm = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder minLrRatio(double v) { minLrRatio = v; return this; }
        public Builder warmupSteps(int v) { warmupSteps = v; return this; }
        public Builder totalSteps(int v) { totalSteps = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder betas(double b1, double b2) { beta1 = b1; beta2 = b2; return this; }
        public Builder adamEps(double v) { adamEps = v; return this; }
        public Builder maxGradNorm(double v) { maxGradNorm = v; return this; }
        public Builder microBatchSize(int v) { microBatchSize = v; return this; }
        public Builder clipEps(double v) { clipEps = v; return this; }
        public Builder klCoef(double v) { klCoef = v; return this; }
        public Builder grpoEps(double v) { grpoEps = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder device(String v) { device = v; return this; }
        public Builder threads(int intra, int inter) { intraOpThreads = intra; interOpThreads = inter; return this; }
        public Builder lora(Lora v) { lora = v; return this; }
        public Builder recomputeLayers(boolean v) { recomputeLayers = v; return this; }
        public Builder xla(boolean v) { xla = v; return this; }

        public TrainConfig build() {
            return new TrainConfig(algorithm, learningRate, minLrRatio, warmupSteps, totalSteps, weightDecay,
                    beta1, beta2, adamEps, maxGradNorm, microBatchSize, clipEps, klCoef, grpoEps, seed, device,
                    intraOpThreads, interOpThreads, lora, recomputeLayers, xla);
        }
    }
}
