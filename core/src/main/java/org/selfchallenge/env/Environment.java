package org.selfchallenge.env;

import java.util.List;
import java.util.Map;

/**
 * One live copy of a tool-use environment (τ-bench retail/airline, M3ToolEval calculation/web).
 *
 * <p>Values crossing this interface are "Python values" in Java clothing, so that every
 * environment can reproduce upstream Python behaviour exactly (see {@code org.selfchallenge.pyval}):
 * {@code null} = None, {@link Boolean}, {@link Long} (or {@link java.math.BigInteger}) = int,
 * {@link Double} = float (never mixed up with int), {@link String}, {@link List} = list,
 * {@link org.selfchallenge.pyval.PyTuple} = tuple, {@link java.util.LinkedHashMap} = dict.
 *
 * <p>An instance is single-threaded and mutable. {@link #fresh()} gives an independent copy of the
 * <em>initial</em> state cheaply (copy-on-write), which is what every verification run, episode and
 * reward replay starts from.
 */
public interface Environment {

    /** How an episode in the environment is scored, which also decides who holds the instruction. */
    enum Kind {
        /**
         * Scored on the final data (τ-bench: the state hash after the episode against the gold replay's);
         * a simulated user holds the instruction and the agent talks to it.
         */
        STATE_BASED,
        /**
         * Scored on the final answer (M3ToolEval): the agent reads the instruction itself and answers;
         * there is no user.
         */
        ANSWER_BASED
    }

    /** Stable name: {@code retail}, {@code airline}, {@code calculation}, {@code web}. */
    String name();

    /** Retail and airline are state-based, calculation and web answer-based. */
    Kind kind();

    /** Tool schemas in the order the model sees them (for τ-bench exactly upstream {@code tools.json}). */
    List<ToolSpec> tools();

    /** The policy / system-prompt text for this environment (τ-bench {@code wiki.md}). */
    String policy();

    /**
     * Calls a tool with keyword arguments (positional arguments are mapped to names by the caller
     * using {@link ToolSpec#parameterNames()}).
     *
     * <p>Upstream conventions are kept: τ-bench tools return a {@code String} ("Error: ..." on
     * failure, {@code json.dumps} of the record on success, "Unknown action X" for an unknown tool)
     * and never throw. M3ToolEval tools return Python values and signal failure by throwing
     * {@link ToolException}, as the Python functions raise.
     */
    Object call(String tool, Map<String, Object> kwargs);

    /** sha256 (lowercase hex) of Python's {@code str(to_hashable(data))} for the current state. */
    String stateHash();

    /** A new, independent environment holding the initial state (not this instance's state). */
    Environment fresh();
}
