package org.selfchallenge.cat;

/** Why a Code-as-Task was kept or rejected by the {@link Verifier}. */
public enum Reason {
    /** All three checks passed. */
    VALID,
    /** The text is not a well-formed task; the detail starts with the {@link ParseError} code. */
    PARSE_ERROR,
    /** The evaluation function does not compile or does not define {@code evaluate}. */
    EVAL_NOT_EXECUTABLE,
    /** {@code evaluate()} raised after the solution (after a failure case a raise counts as reward 0). */
    EVAL_RAISED,
    /** {@code evaluate()} returned a non-bool after the solution (reward 0). */
    EVAL_NOT_BOOLEAN,
    /** The solution does not compile. */
    SOLUTION_NOT_EXECUTABLE,
    /** The solution raised (a tool error included: τ-bench errors raise {@code ToolError}). */
    SOLUTION_RAISED,
    /** After the solution, {@code evaluate()} returned False. */
    SOLUTION_REJECTED,
    /** A failure case does not compile. */
    FAILURE_CASE_NOT_EXECUTABLE,
    /** After a failure case, {@code evaluate()} returned True: the verifier is too lenient. */
    FAILURE_CASE_ACCEPTED,
    /** A run passed the wall-clock limit (its worker was killed). */
    TIMEOUT,
    /** The sandbox worker died during a run (or no worker was available). */
    SANDBOX_CRASH,
    /** A run printed more than the output limit. */
    OUTPUT_LIMIT
}
