package org.selfchallenge.spark.component;

import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;
import org.selfchallenge.agent.ChallengerEpisode;
import org.selfchallenge.agent.SandboxFactory;
import org.selfchallenge.agent.TrajectoryJson;
import org.selfchallenge.challenger.ProceduralChallenger;
import org.selfchallenge.env.Environments;
import org.selfchallenge.llm.BatchingChatModel;
import org.selfchallenge.llm.ChatModel;
import org.selfchallenge.llm.ChatModelProvider;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.policy.RandomCheckpoint;
import org.selfchallenge.policy.chat.TfChatModel;
import org.selfchallenge.policy.model.ModelOptions;
import org.selfchallenge.spark.config.PipelineConfig;
import org.selfchallenge.spark.io.LocalCopies;
import org.selfchallenge.spark.io.TrajectoryRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The production wiring: the procedural challenger (or a model challenger episode), executor
 * episodes of the TF Java policy in the CaT sandbox, the tiny random policy ({@code model init}), and
 * the TF Java trainer ({@link PolicyTraining}). Models are opened once per executor JVM and shared by
 * its tasks (TfChatModel is thread-safe).
 */
public final class CoreComponents implements Components {
    /** TF intra-op threads per model: Spark already runs one task per core. */
    static final int TF_THREADS = 1;
    /** One request batcher per open policy: concurrent episodes of a Spark task decode their turns together. */
    private static final ConcurrentHashMap<String, ChatModel> BATCHERS = new ConcurrentHashMap<>();
    /** Policies by {@link #policyKey}; an evicted one's batcher and local copy go with it. */
    private static final OpenPolicies<TfChatModel> POLICIES = new OpenPolicies<>(OpenPolicies.MAX_OPEN, key -> {
        BATCHERS.remove(key);
        LocalCopies.evict(policyDir(key));
    });
    private static final ConcurrentHashMap<String, ChatModel> CHALLENGERS = new ConcurrentHashMap<>();
    /** Episodes run at once per solver batch (one decode batch of the TF policy). */
    static final int EPISODE_THREADS = TfChatModel.MAX_BATCH;
    /** How long the batcher waits for more concurrent turns before decoding (ms). */
    static final long BATCH_WAIT_MS = 20;

    @Override
    public TaskChallenger challenger(PipelineConfig cfg) {
        if (cfg.challenger.equals("procedural")) {
            ProceduralChallenger p = new ProceduralChallenger(cfg.challengeFamilies);
            return new TaskChallenger() {
                @Override
                public String id() {
                    return ProceduralChallenger.ID;
                }

                @Override
                public ChallengeOutput challenge(String env, long episode, long seed) {
                    ProceduralChallenger.Result r = p.challenge(env, seed);
                    return new ChallengeOutput(r.text(), r.traceJson());
                }
            };
        }
        ChatModel model = CHALLENGERS.computeIfAbsent(cfg.challenger, CoreComponents::openModel);
        PipelineConfig.Sampling s = cfg.challengeSampling;
        ChallengerEpisode episode = new ChallengerEpisode(model, SandboxFactory.open(), new ChallengerEpisode.Config(
                cfg.challengeMaxTurns, 4000, Math.max(1, cfg.minFailureCases),
                new SamplingParams(s.temperature(), s.topP(), s.topK(), s.maxNewTokens(), 0L, List.of())));
        return new TaskChallenger() {
            @Override
            public String id() {
                return model.id();
            }

            @Override
            public ChallengeOutput challenge(String env, long index, long seed) {
                ChallengerEpisode.Result r = episode.run(Environments.load(env), env + "-" + index, seed);
                return new ChallengeOutput(r.text(), TrajectoryJson.write(r.trace()));
            }
        };
    }

    /** A model spec (checkpoint dir, openai:URL#model) through the registered providers. */
    static ChatModel openModel(String spec) {
        for (ChatModelProvider p : ServiceLoader.load(ChatModelProvider.class)) {
            var m = p.open(spec);
            if (m.isPresent()) {
                return m.get();
            }
        }
        throw new IllegalArgumentException("no chat-model provider can open '" + spec + "'");
    }

    /**
     * The TF policy in {@code localPolicyDir} on {@code policy.device} (the task's GPU for
     * {@code assigned}), opened once per JVM and device and leased by the calling Spark task until it
     * completes (outside a task the lease never ends).
     */
    static TfChatModel policy(PipelineConfig cfg, Path localPolicyDir) {
        String device = AssignedDevices.forThisTask(cfg.policyDevice);
        OpenPolicies.Entry<TfChatModel> e = POLICIES.lease(policyKey(localPolicyDir, device), () -> {
            try {
                return TfChatModel.open(localPolicyDir, new ModelOptions(device, TF_THREADS, 1),
                        LocalCopies.source(localPolicyDir));
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot open policy " + localPolicyDir, ex);
            }
        });
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) t -> POLICIES.release(e));
        }
        return e.model();
    }

    private static String policyKey(Path localPolicyDir, String device) {
        return localPolicyDir + "@" + device;
    }

    private static Path policyDir(String policyKey) {
        return Path.of(policyKey.substring(0, policyKey.lastIndexOf('@')));
    }

    /** Where the policies open in this JVM came from (checkpoint URIs), least recently used first. */
    public static List<String> openPolicySources() {
        return POLICIES.keys().stream().map(k -> LocalCopies.source(policyDir(k))).toList();
    }

    /**
     * The round's policy plays every benchmark task; the τ-bench customer is {@code solve.user-model}, the
     * same user as in solve episodes (the round's policy by default), so all rounds face the same user.
     */
    @Override
    public BenchmarkAgent benchmarkAgent(PipelineConfig cfg, Path localPolicyDir) {
        TfChatModel policy = policy(cfg, localPolicyDir);
        return new BenchmarkAgent(task -> policy, SolveUser.model(cfg, policy, CoreComponents::openModel));
    }

    @Override
    public TaskSolver solver(PipelineConfig cfg, Path localPolicyDir, String policyVersion) {
        TfChatModel policy = policy(cfg, localPolicyDir);
        PipelineConfig.Sampling s = cfg.solveSampling;
        SamplingParams sampling = new SamplingParams(s.temperature(), s.topP(), s.topK(), s.maxNewTokens(), 0L,
                List.of());
        PolicyEncoder encoder = new PolicyEncoder(policy.tokenizer());
        ChatModel batching = BATCHERS.computeIfAbsent(policyKey(localPolicyDir, AssignedDevices.forThisTask(cfg.policyDevice)),
                k -> new BatchingChatModel(policy, TfChatModel.MAX_BATCH, BATCH_WAIT_MS));
        return new EpisodeRunner(in -> batching, SandboxFactory.open(), SolveUser.forEnvs(cfg, batching,
                CoreComponents::openModel), cfg.solveMaxTurns, sampling, encoder, cfg.solvePrompt, EPISODE_THREADS);
    }

    /**
     * Distillation rounds: the teacher acts ({@link SolutionTeacher}: its code action is the task's verified
     * solution) in real episodes; the trajectories are encoded with the student's tokenizer and chat template.
     */
    @Override
    public TaskSolver teacher(PipelineConfig cfg, Path localPolicyDir, String policyVersion) {
        PipelineConfig.Sampling s = cfg.solveSampling;
        TfChatModel policy = policy(cfg, localPolicyDir);
        PolicyEncoder encoder = new PolicyEncoder(policy.tokenizer());
        // Retail/airline teacher episodes are conversations with the same simulated user as solve's.
        return new EpisodeRunner(in -> new SolutionTeacher(in.solution()), SandboxFactory.open(),
                SolveUser.forEnvs(cfg, policy, CoreComponents::openModel),
                cfg.solveMaxTurns, new SamplingParams(s.temperature(), s.topP(), s.topK(), s.maxNewTokens(), 0L,
                List.of()), encoder, cfg.solvePrompt, 1);
    }

    @Override
    public List<TrajectoryRecord> demonstrations(PipelineConfig cfg, Path localPolicyDir,
                                                 List<TaskSolver.SolveInput> tasks) {
        TfChatModel policy = policy(cfg, localPolicyDir);
        PolicyEncoder enc = new PolicyEncoder(policy.tokenizer());
        org.selfchallenge.agent.ExecutorEpisode prompts = new org.selfchallenge.agent.ExecutorEpisode(policy,
                SandboxFactory.open(), null, org.selfchallenge.agent.ExecutorEpisode.Config.defaults(1,
                SamplingParams.greedy(1)), cfg.solvePrompt);
        List<TrajectoryRecord> out = new java.util.ArrayList<>();
        for (TaskSolver.SolveInput t : tasks) {
            String system = prompts.systemPrompt(Environments.prototype(t.env()), false);
            List<org.selfchallenge.agent.Turn> turns = List.of(
                    org.selfchallenge.agent.Turn.context("system", "system", system),
                    org.selfchallenge.agent.Turn.context("user", "instruction", "Instruction: " + t.instruction()),
                    new org.selfchallenge.agent.Turn("assistant", "code", "```python\n" + t.solution().strip() + "\n```",
                            null, null, true, "stop", List.of()));
            TrajectoryEncoder.Encoded e = enc.encodeTurns(turns);
            TrajectoryRecord r = new TrajectoryRecord();
            r.setTrajectoryId(t.taskId() + "#teacher");
            r.setTaskId(t.taskId());
            r.setEnv(t.env());
            r.setTokens(e.tokens());
            r.setLossMask(e.lossMask());
            r.setBehaviourLogprobs(e.logprobs());
            r.setReward(1f);
            out.add(r);
        }
        return out;
    }

    @Override
    public String initPolicy(PipelineConfig cfg, Path localDir) {
        if (!cfg.policyInit.equals("tiny-random")) {
            Path src = Path.of(cfg.policyInit);
            try (var files = Files.list(src)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, localDir.resolve(f.getFileName().toString()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy policy.init checkpoint " + src, e);
            }
            return "hf:" + src.getFileName();
        }
        try {
            RandomCheckpoint.write(tinyConfigJson(cfg), localDir, cfg.seed);
            return "tiny-random@seed" + cfg.seed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tiny random policy to " + localDir, e);
        }
    }

    /** The Hugging Face config.json of the tiny policy ({@code policy.tiny}); byte-level vocabulary. */
    static String tinyConfigJson(PipelineConfig c) {
        return "{\"model_type\": \"llama\", \"vocab_size\": 259, \"hidden_size\": " + c.tinyHidden
                + ", \"intermediate_size\": " + c.tinyIntermediate + ", \"num_hidden_layers\": " + c.tinyLayers
                + ", \"num_attention_heads\": " + c.tinyHeads + ", \"num_key_value_heads\": " + c.tinyKvHeads
                + ", \"max_position_embeddings\": " + c.tinyMaxPosition + ", \"rms_norm_eps\": 1e-5"
                + ", \"rope_theta\": 10000.0, \"tie_word_embeddings\": true, \"torch_dtype\": \"float32\"}";
    }

    @Override
    public TrainReport train(PipelineConfig cfg, Path policyIn, List<TrajectoryRecord> data, Path hfOut, Path stateOut,
                             TrainLog log) {
        return PolicyTraining.train(cfg, policyIn, data, hfOut, stateOut, log, TF_THREADS + 1);
    }
}
