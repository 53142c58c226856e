package org.selfchallenge.env;

import java.util.List;
import java.util.Map;

/**
 * One τ-bench tool: the port of one upstream {@code Tool} class ({@code invoke(data, **kwargs) -> str}).
 * Implementations are stateless singletons; all state lives in the {@link CowDatabase}.
 *
 * <p>Contract (upstream {@code envs/base.py}): return the observation string ("Error: ..." for checked
 * failures, {@code json.dumps} of the modified record on success); to fail like an uncaught Python
 * exception, throw a {@link ToolException} / {@link org.selfchallenge.pyval.PyException} whose message
 * is {@code str(e)}; the environment turns it into {@code "Error: {str(e)}"}. Do every check before the
 * first {@link CowDatabase#write}, in upstream order, so a failing call leaves the data untouched.
 */
public interface TauTool {

    /** The tool name, as in {@code tools.json}. */
    String name();

    /**
     * The upstream Python class name ({@code CancelPendingOrder}); it appears in argument-binding
     * errors ({@code CancelPendingOrder.invoke() missing 1 required positional argument: 'reason'}).
     */
    default String pythonClassName() {
        return getClass().getSimpleName();
    }

    /** Parameter names of {@code invoke} after {@code data}, in declaration order (all required). */
    List<String> parameters();

    /** True if the tool never writes the database. */
    boolean readOnly();

    /**
     * Runs the tool. {@code kwargs} has exactly {@link #parameters()} as keys (binding is checked by
     * the environment) holding Python values as parsed from JSON; they are the caller's values, so a
     * tool that stores one in the database must copy it.
     */
    String invoke(CowDatabase db, Map<String, Object> kwargs);
}
