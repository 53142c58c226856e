package org.selfchallenge.env.airline;

import java.util.Map;

import org.selfchallenge.env.AbstractTauTool;
import org.selfchallenge.env.CowDatabase;

/**
 * Base of the 14 airline tools (one class per upstream {@code tau_bench/envs/airline/tools/*.py},
 * named like the upstream class because Python puts that name in argument-binding errors). A tool
 * returns its observation, or throws {@link Failure} for a checked error whose text is the whole
 * observation; Python exceptions are {@link org.selfchallenge.pyval.PyException}s that the
 * environment renders as {@code "Error: {str(e)}"}. Name, parameters and read-only flag are
 * {@link AbstractTauTool}'s, as for the retail tools.
 */
abstract class AirlineTool extends AbstractTauTool {

    AirlineTool(String name, boolean readOnly, String... parameters) {
        super(name, readOnly, parameters);
    }

    @Override
    public final String invoke(CowDatabase db, Map<String, Object> kwargs) {
        try {
            return run(new AirlineTables(db), kwargs);
        } catch (Failure f) {
            return f.getMessage();
        }
    }

    /**
     * Runs the tool. Returns the observation, or {@code null} where upstream returns {@code None}.
     * Arguments are the caller's values: copy ({@link org.selfchallenge.pyval.PyValues#deepCopy})
     * anything stored in the data.
     */
    abstract String run(AirlineTables data, Map<String, Object> args);

    /** A failed check: its message is the observation; nothing has been changed. */
    static final class Failure extends RuntimeException {
        Failure(String observation) {
            super(observation, null, false, false);
        }
    }
}
