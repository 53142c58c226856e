package org.selfchallenge.agent;

import org.selfchallenge.env.Environment;

import java.util.List;

/**
 * Where an episode's code actions run: one Python namespace per episode with the environment's tools
 * bound, outside the JVM (the CaT sandbox). Implementations must be safe to use from many episode
 * threads at once; a {@link Session} belongs to one episode.
 */
public interface ActionSandbox extends AutoCloseable {

    /** Opens a session whose tool calls go to {@code env} (which the session's code mutates). */
    Session open(Environment env);

    /** The tool-call and answer conventions of this sandbox, for the system prompts. */
    String conventions();

    /** Releases worker processes the sandbox owns. */
    @Override
    default void close() {
    }

    interface Session extends AutoCloseable {
        /** Runs one code action; hostile code, errors and timeouts come back as an observation. */
        Observation run(String code);

        /**
         * Runs a synthetic task's {@code evaluate()} (in a namespace of its own) on the current state and
         * the final answer (may be null).
         */
        Verdict evaluate(String evaluationSource, Object finalAnswer);

        @Override
        void close();
    }

    /**
     * @param text      what the policy is shown: stdout, then the error (traceback tail, timeout, ...)
     * @param toolCalls tool calls made, in order
     * @param failure   null when the code ran to its end or raised; else what stopped its process (timeout,
     *                  crash, output limit) with the sandbox's reason, recorded with the turn in the trajectory
     * @param answered  true when the code called {@code submit_answer(x)}
     * @param answer    that {@code x} (a Python value), else null
     */
    record Observation(String text, List<Turn.ToolCall> toolCalls, String failure, boolean answered, Object answer) {
        public Observation {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }
    }

    /** {@code passed} only when evaluate() returned exactly True; {@code detail} says why not. */
    record Verdict(boolean passed, String detail) {
    }
}
