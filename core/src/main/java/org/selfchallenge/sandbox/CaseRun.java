package org.selfchallenge.sandbox;

/**
 * One verification case: the case code (solution or failure case) run on a fresh environment, then
 * {@code evaluate()} on that same environment state.
 *
 * @param index    position of the case in the request (0 = solution in the verifier's order)
 * @param caseRun  the case code's run
 * @param evalRun  the {@code evaluate()} run, or null if it was not reached (case failed, or stopped)
 */
public record CaseRun(int index, RunResult caseRun, RunResult evalRun) {
}
