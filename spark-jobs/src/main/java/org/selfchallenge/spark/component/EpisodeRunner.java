package org.selfchallenge.spark.component;

import org.selfchallenge.agent.ActionSandbox;
import org.selfchallenge.agent.ExecutorEpisode;
import org.selfchallenge.agent.SyntheticTask;
import org.selfchallenge.agent.Trajectory;
import org.selfchallenge.agent.TrajectoryJson;
import org.selfchallenge.agent.UserSimulator;
import org.selfchallenge.llm.ChatModel;
import org.selfchallenge.llm.SamplingParams;

import java.util.ArrayList;
import java.util.List;

/**
 * The real executor episode ({@link ExecutorEpisode}: code actions in the sandbox, reward = the task's
 * evaluate()) for each solve input, encoded for training. An episode that throws becomes a zero-reward
 * trajectory with the error as its outcome, so one bad task never fails a Spark task.
 */
public final class EpisodeRunner implements TaskSolver {
    private final ExecutorEpisode episode;
    private final TrajectoryEncoder encoder;
    private final boolean conversational;

    public EpisodeRunner(ChatModel policy, ActionSandbox sandbox, UserSimulator user, int maxTurns,
                         SamplingParams sampling, TrajectoryEncoder encoder) {
        this.episode = new ExecutorEpisode(policy, sandbox, user,
                ExecutorEpisode.Config.defaults(maxTurns, sampling));
        this.encoder = encoder;
        this.conversational = user != null;
    }

    @Override
    public List<SolveOutput> solve(List<SolveInput> batch) {
        List<SolveOutput> out = new ArrayList<>(batch.size());
        for (SolveInput in : batch) {
            out.add(one(in));
        }
        return out;
    }

    private SolveOutput one(SolveInput in) {
        SyntheticTask task = new SyntheticTask(in.taskId(), in.env(), in.instruction(), in.evaluation());
        try {
            Trajectory t = episode.run(new VerifiedTask(task, conversational && !answerBased(in.env())),
                    in.sampleIndex(), in.seed());
            TrajectoryEncoder.Encoded e = encoder.encode(t);
            return new SolveOutput(e.tokens(), e.lossMask(), e.logprobs(), (float) t.reward(), TrajectoryJson.write(t),
                    t.outcome());
        } catch (RuntimeException e) {
            return new SolveOutput(new int[0], new byte[0], new float[0], 0f, "[]",
                    "episode_error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static boolean answerBased(String env) {
        return env.equals("calculation") || env.equals("web");
    }
}
