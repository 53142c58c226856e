package org.selfchallenge.spark.component;

import org.selfchallenge.agent.Seeds;
import org.selfchallenge.agent.UserSimulator;
import org.selfchallenge.llm.ChatModel;
import org.selfchallenge.llm.ChatRequest;
import org.selfchallenge.llm.Completion;
import org.selfchallenge.llm.SamplingParams;
import org.selfchallenge.spark.config.PipelineConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The simulated τ-bench user of solve (and held-out evaluation) episodes, from {@code solve.user-model}
 * and {@code solve.user-sampling} (method.md "Easy to get wrong": the instruction drives a simulated
 * user, held fixed across runs). {@link EpisodeRunner} hands it only to retail/airline episodes;
 * calculation/web episodes read their instruction directly.
 */
public final class SolveUser {
    /** Endpoint/checkpoint user models, opened once per executor JVM. */
    private static final ConcurrentHashMap<String, ChatModel> MODELS = new ConcurrentHashMap<>();

    private SolveUser() {
    }

    /**
     * The simulator when {@code solve.envs} holds a conversational environment (retail, airline), else null
     * (so a calculation-only run, like the demo, never opens a user model).
     */
    public static UserSimulator forEnvs(PipelineConfig cfg, ChatModel policy, Function<String, ChatModel> openModel) {
        boolean conversational = cfg.solveEnvs.stream().anyMatch(e -> !EpisodeRunner.answerBased(e));
        return conversational ? simulator(cfg, policy, openModel) : null;
    }

    /** The user's model: the round's policy, or the model named by {@code solve.user-model}. */
    public static ChatModel model(PipelineConfig cfg, ChatModel policy, Function<String, ChatModel> openModel) {
        return cfg.solveUserModel.equals(PipelineConfig.USER_MODEL_POLICY) ? policy
                : MODELS.computeIfAbsent(cfg.solveUserModel, openModel);
    }

    /**
     * @param policy    the round's policy (the user when {@code solve.user-model = policy})
     * @param openModel opens any other model spec
     */
    public static UserSimulator simulator(PipelineConfig cfg, ChatModel policy, Function<String, ChatModel> openModel) {
        ChatModel model = model(cfg, policy, openModel);
        PipelineConfig.UserSampling s = cfg.solveUserSampling;
        // top-p 1 / top-k 0: the user's distribution is shaped by its temperature alone
        SamplingParams params = new SamplingParams(s.temperature(), 1.0, 0, s.maxNewTokens(), 0L, List.of());
        return new UserSimulator(new Seeded(model, s.seed()), params);
    }

    /**
     * Re-seeds every user request: seed = derive({@code solve.user-sampling.seed}, "user/" + request seed),
     * where the request seed is UserSimulator's episodeSeed + t. So the user's randomness follows its own
     * configured seed, and never coincides with the policy turn that samples with the same episodeSeed + t.
     */
    static final class Seeded implements ChatModel {
        private final ChatModel model;
        private final long seed;

        Seeded(ChatModel model, long seed) {
            this.model = model;
            this.seed = seed;
        }

        static long seedFor(long root, long requestSeed) {
            return Seeds.named(root, "user/" + requestSeed);
        }

        @Override
        public String id() {
            return model.id();
        }

        @Override
        public List<Completion> complete(List<ChatRequest> batch) {
            List<ChatRequest> seeded = new ArrayList<>(batch.size());
            for (ChatRequest r : batch) {
                seeded.add(new ChatRequest(r.messages(), r.params().withSeed(seedFor(seed, r.params().seed()))));
            }
            return model.complete(seeded);
        }
    }
}
