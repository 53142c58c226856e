package org.selfchallenge.sandbox;

import java.util.List;

/**
 * Result of {@link CodeRunner#runCases}.
 *
 * @param evalCheck compile check of the evaluation function done before any case (status OK,
 *                  SYNTAX_ERROR or NO_EVALUATE), or null if the engine does not check up front
 * @param cases     the cases run, in order (stops at the first unexpected outcome)
 */
public record CaseBatch(RunResult evalCheck, List<CaseRun> cases) {
    public CaseBatch {
        cases = List.copyOf(cases);
    }
}
