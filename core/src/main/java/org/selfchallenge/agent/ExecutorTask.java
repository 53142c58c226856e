package org.selfchallenge.agent;

import org.selfchallenge.env.Environment;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A task for an executor episode: a benchmark task (τ-bench, M3ToolEval) or a verified synthetic CaT
 * task. It supplies the starting state and judges the end.
 */
public interface ExecutorTask {

    String id();

    /** A fresh environment in the task's initial state, owned by the episode. */
    Environment environment();

    /** τ-bench style: the instruction drives a simulated user. Otherwise the policy gets it directly. */
    String instruction();

    /** True when a simulated user holds the instruction and the policy's messages go to it. */
    boolean conversational();

    /**
     * M3ToolEval benchmark protocol: checks each final answer as it is given; a wrong one is answered
     * with feedback and the episode continues. Null (the default) means the first answer ends the episode.
     */
    default Boolean checkAnswer(String answer) {
        return null;
    }

    /** Tools that end the episode when a code action calls them (τ-bench {@code transfer_to_human_agents}). */
    default Set<String> terminateTools() {
        return Set.of();
    }

    /** The 0/1 reward of a finished episode (only called when the episode ended properly). */
    Reward reward(Ending ending);

    /**
     * How an episode ended, for the reward.
     *
     * @param env         the environment in its final state
     * @param session     the episode's sandbox session (for a synthetic task's evaluate())
     * @param messages    every message the policy sent (τ-bench {@code respond} contents), in order
     * @param finalAnswer the last answer given as text ({@code Answer: ...}, or Python's str() of a value
     *                    passed to {@code submit_answer}), or null
     * @param answerValue the last answer as a Python value ({@code submit_answer}'s argument, or the text
     *                    converted by {@link AnswerValues#parse}), or null
     */
    record Ending(Environment env, ActionSandbox.Session session, List<String> messages, String finalAnswer,
                  Object answerValue) {
    }

    record Reward(double value, Map<String, Object> details) {
        public static Reward of(boolean ok, Map<String, Object> details) {
            return new Reward(ok ? 1.0 : 0.0, details);
        }
    }
}
