package org.selfchallenge.spark.component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.selfchallenge.agent.ActionSandbox;
import org.selfchallenge.agent.ExecutorEpisode;
import org.selfchallenge.agent.SyntheticTask;
import org.selfchallenge.agent.Trajectory;
import org.selfchallenge.agent.TrajectoryJson;
import org.selfchallenge.agent.UserSimulator;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Environments;
import org.selfchallenge.llm.ChatModel;
import org.selfchallenge.llm.SamplingParams;

/**
 * The real executor episode ({@link ExecutorEpisode}: code actions in the sandbox, reward = the task's
 * evaluate()) for each solve input, encoded for training. An episode that throws becomes a zero-reward
 * trajectory with the error as its outcome, so one bad task never fails a Spark task.
 *
 * <p>With {@code concurrency > 1} the episodes of one batch run on that many threads at once, so a
 * batching policy backend ({@code llm.BatchingChatModel} over the TF policy) decodes their turns
 * together; each episode still samples from its own seed, so results do not depend on the grouping.
 * A per-task policy (the distillation teacher) is built from the input by {@code policyFor}.
 */
public final class EpisodeRunner implements TaskSolver {
    private final Function<SolveInput, ExecutorEpisode> episodes;
    private final TrajectoryEncoder encoder;
    private final boolean conversational;
    private final int concurrency;

    public EpisodeRunner(ChatModel policy, ActionSandbox sandbox, UserSimulator user, int maxTurns,
                         SamplingParams sampling, TrajectoryEncoder encoder) {
        this(in -> policy, sandbox, user, maxTurns, sampling, encoder, ExecutorEpisode.PROMPT, 1);
    }

    /**
     * @param policyFor   the acting model of an episode (the shared policy, or a per-task teacher)
     * @param prompt      executor system prompt name ({@link ExecutorEpisode#PROMPT} or
     *                    {@link ExecutorEpisode#COMPACT_PROMPT})
     * @param concurrency episodes of a batch run at once (1 = one after another)
     */
    public EpisodeRunner(Function<SolveInput, ChatModel> policyFor, ActionSandbox sandbox, UserSimulator user,
                         int maxTurns, SamplingParams sampling, TrajectoryEncoder encoder, String prompt,
                         int concurrency) {
        ExecutorEpisode.Config config = ExecutorEpisode.Config.defaults(maxTurns, sampling);
        this.episodes = in -> new ExecutorEpisode(policyFor.apply(in), sandbox, user, config, prompt);
        this.encoder = encoder;
        this.conversational = user != null;
        this.concurrency = Math.max(1, concurrency);
    }

    @Override
    public List<SolveOutput> solve(List<SolveInput> batch) {
        List<SolveOutput> out = new ArrayList<>(batch.size());
        if (concurrency == 1 || batch.size() == 1) {
            for (SolveInput in : batch) {
                out.add(one(in));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, batch.size()));
        try {
            List<Future<SolveOutput>> fs = new ArrayList<>(batch.size());
            for (SolveInput in : batch) {
                fs.add(pool.submit(() -> one(in)));
            }
            for (Future<SolveOutput> f : fs) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running episodes", e);
        } catch (ExecutionException e) {
            // one() catches RuntimeExceptions itself: only Errors get here
            throw new IllegalStateException("episode thread failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private SolveOutput one(SolveInput in) {
        SyntheticTask task = new SyntheticTask(in.taskId(), in.env(), in.instruction(), in.evaluation());
        try {
            Trajectory t = episodes.apply(in).run(new VerifiedTask(task, conversational && !answerBased(in.env())),
                    in.sampleIndex(), in.seed());
            TrajectoryEncoder.Encoded e = encoder.encode(t);
            return new SolveOutput(e.tokens(), e.lossMask(), e.logprobs(), (float) t.reward(), TrajectoryJson.write(t),
                    t.outcome());
        } catch (RuntimeException e) {
            return new SolveOutput(new int[0], new byte[0], new float[0], 0f, "[]",
                    "episode_error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Answer-based (calculation, web): the policy reads the instruction and answers; no simulated user. */
    static boolean answerBased(String env) {
        return Environments.kind(env) == Environment.Kind.ANSWER_BASED;
    }
}
