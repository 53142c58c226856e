package org.selfchallenge.spark.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import org.selfchallenge.policy.model.Lora;
import org.selfchallenge.policy.model.ModelOptions;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resolved, validated configuration of one run. Built once on the driver (every bad value fails
 * here, before any Spark work, with the key named) and shipped to executors as plain fields.
 * Key documentation lives in {@code conf/application.conf}.
 */
public final class PipelineConfig implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String ROOT = "selfchallenge";
    /**
     * {@code policy.device} / {@code train.gpu.device} value: a task takes {@code /GPU:N} for the GPU
     * address N that Spark assigned to it, {@code /GPU:0} where Spark assigns none (see
     * component.AssignedDevices).
     */
    public static final String ASSIGNED_GPU = "assigned";
    public static final Set<String> ENVIRONMENTS = Set.of("retail", "airline", "calculation", "web");
    public static final Set<String> ALGORITHMS = Set.of("rft", "reinforce", "ppo", "grpo", "distill");
    /** {@code solve.system-prompt} values → executor prompt names (agent.ExecutorEpisode). */
    public static final Map<String, String> SYSTEM_PROMPTS = Map.of(
            "full", "executor.v1", "compact", "executor_compact.v1");

    /** Sampling settings of one step (challenger or executor). */
    public record Sampling(double temperature, double topP, int topK, int maxNewTokens) implements Serializable {
    }

    /** The simulated user's sampling: fixed across rounds so only the policy moves the reward. */
    public record UserSampling(double temperature, int maxNewTokens, long seed) implements Serializable {
    }

    /** {@code solve.user-model} value naming the round's own policy as the simulated user. */
    public static final String USER_MODEL_POLICY = "policy";

    public final String resolvedHocon;
    // run
    public final String out;
    public final int rounds;
    public final long seed;
    public final String master;
    public final boolean progress;
    public final List<String> envs;
    public final String components;
    // challenge
    public final String challenger;
    public final int episodesPerEnv;
    /** Procedural task families to draw from ({@code challenge.families}); empty = the defaults. */
    public final List<String> challengeFamilies;
    public final int challengePartitions;
    public final int challengeMaxTurns;
    public final Sampling challengeSampling;
    // verify
    public final int minFailureCases;
    public final int verifyTimeoutMs;
    public final int sandboxWorkers;
    public final int verifyPartitions;
    public final boolean dedupEnabled;
    public final double dedupJaccard;
    public final int dedupShingleWords;
    public final int dedupBands;
    public final int dedupRowsPerBand;
    public final long dedupDriverMaxTasks;
    // solve
    public final List<String> solveEnvs;
    public final int samplesPerTask;
    public final int solvePartitions;
    public final int solveMaxTurns;
    public final Sampling solveSampling;
    /** Executor system prompt name ({@code solve.system-prompt}: full | compact). */
    public final String solvePrompt;
    /**
     * Who plays the τ-bench customer in retail/airline solve episodes ({@code solve.user-model}):
     * {@link #USER_MODEL_POLICY} = the round's own policy, else a model spec (checkpoint dir, openai:URL#model).
     */
    public final String solveUserModel;
    /** The simulated user's sampling ({@code solve.user-sampling}), held fixed across rounds. */
    public final UserSampling solveUserSampling;
    // policy
    public final String policyInit;
    public final int tinyHidden;
    public final int tinyLayers;
    public final int tinyHeads;
    public final int tinyKvHeads;
    public final int tinyIntermediate;
    public final int tinyMaxPosition;
    /** TF device of the policy in solve/evaluate episodes ("/CPU:0", "/GPU:0", ..., or {@link #ASSIGNED_GPU}). */
    public final String policyDevice;
    // train
    public final String algorithm;
    /** Per-round algorithms ({@code train.schedule}); empty = {@link #algorithm} every round. */
    public final List<String> schedule;
    public final int distillEpochs;
    public final double distillLearningRate;
    public final double learningRate;
    public final double weightDecay;
    public final double gradClip;
    public final int warmupSteps;
    public final int batchSize;
    /** Sequences per forward/backward pass; a batch accumulates gradients over its micro-batches. */
    public final int microBatchSize;
    /** {@code train.recompute-layers}: activation checkpointing by layer (see LayerwiseBackward). */
    public final boolean recomputeLayers;
    /** {@code train.xla}: XLA auto-clustering of the training graph (ModelOptions#xla). */
    public final boolean xla;
    public final int epochs;
    public final int maxSeqLen;
    public final double ppoClip;
    public final double klCoef;
    public final double rftMinReward;
    /** Adapters the trainer trains instead of every weight ({@link Lora#NONE} = full fine-tuning). */
    public final Lora lora;
    public final boolean gpuEnabled;
    public final double gpuAmount;
    /** TF device of the training task when {@link #gpuEnabled}: "/GPU:N", or {@link #ASSIGNED_GPU}. */
    public final String gpuDevice;
    // evaluate
    public final int heldoutTasksPerEnv;
    public final long heldoutSeedOffset;
    public final int evalSamples;
    public final double evalTemperature;
    public final List<String> benchmarks;
    public final String benchmarkSplit;
    public final int benchmarkMaxTasks;

    private PipelineConfig(Config c) {
        Reader r = new Reader(c);
        resolvedHocon = ConfigLoader.render(c.getConfig(ROOT).atKey(ROOT));
        out = r.nonEmpty("run.out");
        rounds = r.intIn("run.rounds", 1, 10_000);
        seed = r.lng("run.seed");
        master = r.nonEmpty("run.master");
        progress = r.bool("run.progress");
        envs = r.envList("envs");
        components = r.nonEmpty("components");
        challenger = r.nonEmpty("challenge.challenger");
        episodesPerEnv = r.intIn("challenge.episodes-per-env", 1, 10_000_000);
        challengeFamilies = List.copyOf(r.get("challenge.families", c::getStringList));
        List<String> knownFamilies = org.selfchallenge.challenger.ProceduralChallenger.knownFamilies();
        for (String f : challengeFamilies) {
            if (!knownFamilies.contains(f)) {
                throw new ConfigError(ROOT + ".challenge.families", "unknown task family '" + f + "' (known: "
                        + knownFamilies + ")");
            }
        }
        challengePartitions = r.intIn("challenge.partitions", 1, 100_000);
        challengeMaxTurns = r.intIn("challenge.max-turns", 1, 1000);
        challengeSampling = r.sampling("challenge.sampling");
        minFailureCases = r.intIn("verify.min-failure-cases", 0, 100);
        verifyTimeoutMs = r.intIn("verify.timeout-ms", 1, 3_600_000);
        sandboxWorkers = r.intIn("verify.sandbox-workers", 0, 1024);
        verifyPartitions = r.intIn("verify.partitions", 1, 100_000);
        dedupEnabled = r.bool("verify.dedup.enabled");
        dedupJaccard = r.dblIn("verify.dedup.jaccard-threshold", 0.0, 1.0);
        dedupShingleWords = r.intIn("verify.dedup.shingle-words", 1, 100);
        dedupBands = r.intIn("verify.dedup.bands", 1, 1000);
        dedupRowsPerBand = r.intIn("verify.dedup.rows-per-band", 1, 1000);
        dedupDriverMaxTasks = r.intIn("verify.dedup.driver-max-tasks", 0, Integer.MAX_VALUE);
        List<String> se = r.envListMaybeEmpty("solve.envs");
        if (!envs.containsAll(se)) {
            throw new ConfigError(ROOT + ".solve.envs", "must be a subset of envs " + envs + " (got " + se + ")");
        }
        solveEnvs = se.isEmpty() ? envs : se;
        samplesPerTask = r.intIn("solve.samples-per-task", 1, 100_000);
        solvePartitions = r.intIn("solve.partitions", 1, 100_000);
        solveMaxTurns = r.intIn("solve.max-turns", 1, 1000);
        solveSampling = r.sampling("solve.sampling");
        solvePrompt = SYSTEM_PROMPTS.get(r.oneOf("solve.system-prompt", SYSTEM_PROMPTS.keySet()));
        solveUserModel = r.modelSpec("solve.user-model");
        solveUserSampling = new UserSampling(r.dblIn("solve.user-sampling.temperature", 0.0, 100.0),
                r.intIn("solve.user-sampling.max-new-tokens", 1, 1 << 20), r.lng("solve.user-sampling.seed"));
        policyInit = r.nonEmpty("policy.init");
        tinyHidden = r.intIn("policy.tiny.hidden-size", 4, 1 << 16);
        tinyLayers = r.intIn("policy.tiny.layers", 1, 1000);
        tinyHeads = r.intIn("policy.tiny.heads", 1, 1024);
        tinyKvHeads = r.intIn("policy.tiny.kv-heads", 1, 1024);
        tinyIntermediate = r.intIn("policy.tiny.intermediate-size", 1, 1 << 20);
        tinyMaxPosition = r.intIn("policy.tiny.max-position", 16, 1 << 20);
        policyDevice = r.device("policy.device");
        if (tinyHidden % tinyHeads != 0) {
            throw new ConfigError(ROOT + ".policy.tiny.heads", "must divide hidden-size " + tinyHidden + " (got " + tinyHeads + ")");
        }
        if (tinyHeads % tinyKvHeads != 0) {
            throw new ConfigError(ROOT + ".policy.tiny.kv-heads", "must divide heads " + tinyHeads + " (got " + tinyKvHeads + ")");
        }
        algorithm = r.oneOf("train.algorithm", ALGORITHMS);
        schedule = List.copyOf(r.get("train.schedule", c::getStringList));
        for (String a : schedule) {
            if (!ALGORITHMS.contains(a)) {
                throw new ConfigError(ROOT + ".train.schedule", "unknown algorithm '" + a + "' (known: "
                        + new java.util.TreeSet<>(ALGORITHMS) + ")");
            }
        }
        distillEpochs = r.intIn("train.distill-epochs", 1, 10_000);
        distillLearningRate = r.dblIn("train.distill-learning-rate", 0.0, 10.0);
        learningRate = r.dblIn("train.learning-rate", 0.0, 10.0);
        weightDecay = r.dblIn("train.weight-decay", 0.0, 10.0);
        gradClip = r.dblIn("train.grad-clip", 0.0, 1e9);
        warmupSteps = r.intIn("train.warmup-steps", 0, 1 << 30);
        batchSize = r.intIn("train.batch-size", 1, 1 << 20);
        int micro = r.intIn("train.micro-batch-size", 0, 1 << 20);
        microBatchSize = micro == 0 ? batchSize : Math.min(micro, batchSize);
        recomputeLayers = r.bool("train.recompute-layers");
        xla = r.bool("train.xla");
        epochs = r.intIn("train.epochs", 1, 10_000);
        maxSeqLen = r.intIn("train.max-seq-len", 8, 1 << 20);
        ppoClip = r.dblIn("train.ppo-clip", 0.0, 10.0);
        klCoef = r.dblIn("train.kl-coef", 0.0, 1e6);
        rftMinReward = r.dblIn("train.rft-min-reward", -1e9, 1e9);
        lora = lora(r, c);
        gpuEnabled = r.bool("train.gpu.enabled");
        gpuAmount = r.dblIn("train.gpu.amount", 0.0, 1.0);
        if (gpuAmount <= 0) {
            // Spark rejects a zero request; above 1 would reserve GPUs the single-device trainer never uses.
            throw new ConfigError(ROOT + ".train.gpu.amount", "must be in (0, 1]: the trainer uses one GPU, "
                    + "a fraction shares it (got " + gpuAmount + ")");
        }
        gpuDevice = r.device("train.gpu.device");
        heldoutTasksPerEnv = r.intIn("evaluate.heldout-tasks-per-env", 0, 10_000_000);
        heldoutSeedOffset = r.lng("evaluate.heldout-seed-offset");
        if (heldoutSeedOffset < (long) episodesPerEnv * rounds) {
            throw new ConfigError(ROOT + ".evaluate.heldout-seed-offset", "must exceed episodes-per-env * rounds = "
                    + (long) episodesPerEnv * rounds + " so held-out seeds never meet training seeds (got " + heldoutSeedOffset + ")");
        }
        evalSamples = r.intIn("evaluate.samples", 1, 10_000);
        evalTemperature = r.dblIn("evaluate.temperature", 0.0, 100.0);
        benchmarks = r.envListMaybeEmpty("evaluate.benchmarks");
        benchmarkSplit = r.oneOf("evaluate.benchmark-split", Set.of("train", "dev", "test"));
        benchmarkMaxTasks = r.intIn("evaluate.benchmark-max-tasks", 0, 1_000_000);
        for (String env : benchmarks) {
            // Loads the bundled task file once, so a split the benchmark lacks (M3ToolEval: test only)
            // fails now with the key named, not after the first rounds' work.
            try {
                org.selfchallenge.bench.BenchmarkTasks.load(env, benchmarkSplit);
            } catch (IllegalArgumentException e) {
                throw new ConfigError(ROOT + ".evaluate.benchmark-split", e.getMessage());
            }
        }
    }

    /**
     * The trainer's TF device: {@link #gpuDevice} when {@code train.gpu.enabled}, the CPU otherwise. The
     * train stage resolves {@link #ASSIGNED_GPU} inside its task ({@link #withTrainDevice}) first.
     */
    public String trainDevice() {
        if (gpuEnabled && gpuDevice.equals(ASSIGNED_GPU)) {
            throw new IllegalStateException(ROOT + ".train.gpu.device = " + ASSIGNED_GPU
                    + " is resolved by the training task, which knows the GPU Spark assigned to it");
        }
        return gpuEnabled ? gpuDevice : ModelOptions.CPU;
    }

    /** This configuration with {@code train.gpu.device} = {@code device} (a "/GPU:N" or "/CPU:N" string). */
    public PipelineConfig withTrainDevice(String device) {
        return with(Map.of("train.gpu.device", device));
    }

    public static PipelineConfig from(Config resolved) {
        return new PipelineConfig(resolved);
    }

    /** The algorithm of training round {@code round} (≥ 1): {@code train.schedule[round-1]}, its last entry
     *  for later rounds, or {@code train.algorithm} when the schedule is empty. */
    public String algorithmFor(int round) {
        if (schedule.isEmpty() || round < 1) {
            return algorithm;
        }
        return schedule.get(Math.min(round, schedule.size()) - 1);
    }

    /**
     * This configuration as round {@code round} uses it: {@code train.algorithm} = {@link #algorithmFor},
     * and for a distillation round {@code train.epochs} = {@code train.distill-epochs} and
     * {@code train.learning-rate} = {@code train.distill-learning-rate} (supervised distillation takes a
     * larger step than policy gradients, which collapse at it). Same config when nothing changes.
     */
    public PipelineConfig forRound(int round) {
        String alg = algorithmFor(round);
        boolean distill = alg.equals("distill");
        int ep = distill ? distillEpochs : epochs;
        double lr = distill ? distillLearningRate : learningRate;
        if (alg.equals(algorithm) && ep == epochs && lr == learningRate) {
            return this;
        }
        return with(Map.of("train.algorithm", alg, "train.epochs", ep, "train.learning-rate", lr));
    }

    /** A copy with the given keys (relative to {@link #ROOT}) replaced, validated like the original. */
    private PipelineConfig with(Map<String, Object> values) {
        Config c = com.typesafe.config.ConfigFactory.parseString(resolvedHocon);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            c = c.withValue(ROOT + "." + e.getKey(), com.typesafe.config.ConfigValueFactory.fromAnyRef(e.getValue()));
        }
        return new PipelineConfig(c.resolve());
    }

    /** {@code train.lora}: {@link Lora#NONE} at rank 0; a bad value names its key. */
    private static Lora lora(Reader r, Config c) {
        int rank = r.intIn("train.lora.rank", 0, 1 << 16);
        double alpha = r.dblIn("train.lora.alpha", Double.MIN_VALUE, 1e6);
        List<String> targets = r.get("train.lora.targets", c::getStringList);
        for (String t : targets) {
            if (!Lora.PROJECTIONS.containsKey(t)) {
                throw new ConfigError(ROOT + ".train.lora.targets", "unknown projection '" + t + "' (known: "
                        + Lora.PROJECTIONS.keySet() + ")");
            }
        }
        if (new java.util.HashSet<>(targets).size() != targets.size()) {
            throw new ConfigError(ROOT + ".train.lora.targets", "lists a projection twice: " + targets);
        }
        if (rank > 0 && targets.isEmpty()) {
            throw new ConfigError(ROOT + ".train.lora.targets", "must name at least one projection when rank > 0");
        }
        return rank == 0 ? Lora.NONE : new Lora(rank, alpha, targets, r.get("train.lora.rslora", c::getBoolean));
    }

    /** Typed access under {@link #ROOT}; every failure names the full key. */
    private static final class Reader {
        private final Config c;

        Reader(Config c) {
            this.c = c;
        }

        private String full(String k) {
            return ROOT + "." + k;
        }

        <T> T get(String k, java.util.function.Function<String, T> f) {
            String key = full(k);
            try {
                return f.apply(key);
            } catch (ConfigException.Missing e) {
                throw new ConfigError(key, "missing");
            } catch (ConfigException e) {
                throw new ConfigError(key, e.getMessage());
            }
        }

        String nonEmpty(String k) {
            String v = get(k, c::getString);
            if (v.isBlank()) {
                throw new ConfigError(full(k), "must not be empty");
            }
            return v;
        }

        /** {@code policy}, {@code openai:URL#model} or a checkpoint directory path. */
        String modelSpec(String k) {
            String v = nonEmpty(k).strip();
            if (v.startsWith("openai:")) {
                int hash = v.indexOf('#');
                if (hash <= "openai:".length() || hash == v.length() - 1) {
                    throw new ConfigError(full(k), "an endpoint spec must be openai:URL#model (got '" + v + "')");
                }
            }
            return v;
        }

        /**
         * A TF device string, validated by the model's own parser so a typo fails at start, not in a
         * task; or {@link #ASSIGNED_GPU}, which each task resolves.
         */
        String device(String k) {
            String v = nonEmpty(k);
            if (v.equals(ASSIGNED_GPU)) {
                return v;
            }
            try {
                return new ModelOptions(v, 1, 1).device();
            } catch (IllegalArgumentException e) {
                throw new ConfigError(full(k), e.getMessage());
            }
        }

        boolean bool(String k) {
            return get(k, c::getBoolean);
        }

        long lng(String k) {
            return get(k, c::getLong);
        }

        int intIn(String k, int lo, int hi) {
            int v = get(k, c::getInt);
            if (v < lo || v > hi) {
                throw new ConfigError(full(k), "must be in [" + lo + ", " + hi + "] (got " + v + ")");
            }
            return v;
        }

        double dblIn(String k, double lo, double hi) {
            double v = get(k, c::getDouble);
            if (!(v >= lo && v <= hi)) {
                throw new ConfigError(full(k), "must be in [" + lo + ", " + hi + "] (got " + v + ")");
            }
            return v;
        }

        String oneOf(String k, Set<String> allowed) {
            String v = get(k, c::getString);
            if (!allowed.contains(v)) {
                throw new ConfigError(full(k), "must be one of " + new java.util.TreeSet<>(allowed) + " (got '" + v + "')");
            }
            return v;
        }

        List<String> envListMaybeEmpty(String k) {
            List<String> v = get(k, c::getStringList);
            for (String e : v) {
                if (!ENVIRONMENTS.contains(e)) {
                    throw new ConfigError(full(k), "unknown environment '" + e + "' (known: "
                            + new java.util.TreeSet<>(ENVIRONMENTS) + ")");
                }
            }
            if (new java.util.HashSet<>(v).size() != v.size()) {
                throw new ConfigError(full(k), "lists an environment twice: " + v);
            }
            return List.copyOf(v);
        }

        List<String> envList(String k) {
            List<String> v = envListMaybeEmpty(k);
            if (v.isEmpty()) {
                throw new ConfigError(full(k), "must name at least one environment");
            }
            return v;
        }

        Sampling sampling(String k) {
            double t = dblIn(k + ".temperature", 0.0, 100.0);
            double p = dblIn(k + ".top-p", 0.0, 1.0);
            int topK = intIn(k + ".top-k", 0, 1 << 20);
            int max = intIn(k + ".max-new-tokens", 1, 1 << 20);
            return new Sampling(t, p, topK, max);
        }
    }
}
