package org.selfchallenge.sandbox;

import java.util.ArrayList;
import java.util.List;
import org.selfchallenge.env.Environment;

/**
 * An engine that runs untrusted task/agent Python code against a Java-owned {@link Environment}.
 * The only engine today is {@link PythonWorkerPool}; the interface exists so another backend
 * (a container, a microVM) can be added without touching the verifier or the agent runtime.
 *
 * <h2>Python-side conventions (same for every engine; the challenger prompt repeats them)</h2>
 * <ul>
 *   <li>Every tool of the environment is a Python function of the same name, callable with keyword
 *       or positional arguments (positional ones map to {@code ToolSpec.parameterNames()} in order,
 *       extra ones to {@code ToolSpec.varargs()} as a tuple).</li>
 *   <li>Results are fresh Python values. A string result holding a JSON object or array (τ-bench
 *       records) arrives parsed as dict/list; other strings stay strings.</li>
 *   <li>τ-bench error results ({@code "Error: ..."}) raise {@code ToolError("Error: ...")};
 *       M3ToolEval tools raise the Python exception they raise upstream ({@code ValueError}, ...).</li>
 *   <li>{@code submit_answer(x)} in case/session code records the final answer;
 *       {@code final_answer()} inside the evaluation function returns it (None if none).</li>
 *   <li>Case code and the evaluation function run in separate namespaces.</li>
 * </ul>
 *
 * <p>Implementations are thread-safe: many threads may open sessions and run cases concurrently.
 */
public interface CodeRunner extends AutoCloseable {

    /**
     * Starts a multi-turn session (an executor episode): one Python namespace that persists across
     * {@link CodeSession#run} calls, with the tools bound to {@code env} (live: calls change it).
     * The session holds one worker until {@link CodeSession#close()}.
     */
    CodeSession open(Environment env, SandboxLimits limits);

    /**
     * Runs verification cases: for each case, a fresh copy of the initial state
     * ({@code prototype.fresh()}), the case code in its own namespace, then {@code evaluate()} from
     * {@code evalSource} in another namespace on that same state, with {@code final_answer()} = the
     * case's submitted answer. Stops after the first case whose outcome is not the expected one:
     * case i must end OK (or RAISED when {@code allowRaise[i]}), and the reward ({@code evaluate()}
     * returned exactly True) must equal {@code expect[i]}; a zero reward expected may come from False,
     * a raise or a non-bool, not from a broken evaluation function or a sandbox failure. The result holds the cases run so far, in order, and the result of
     * checking first that {@code evalSource} compiles and defines {@code evaluate} (when the
     * engine can check it up front; else null).
     */
    default CaseBatch runCases(Environment prototype, String evalSource, List<String> cases,
                               boolean[] expect, boolean[] allowRaise, SandboxLimits limits) {
        List<CaseRun> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            try (CodeSession s = open(prototype.fresh(), limits)) {
                RunResult c = s.run(cases.get(i));
                boolean caseOk = c.status() == RunStatus.OK || (allowRaise[i] && c.status() == RunStatus.RAISED);
                if (!caseOk) {
                    out.add(new CaseRun(i, c, null));
                    break;
                }
                RunResult e = s.evaluate(evalSource, c.answer());
                out.add(new CaseRun(i, c, e));
                if (!CaseExecution.rewardMatches(expect[i], e)) {
                    break;
                }
            }
        }
        return new CaseBatch(null, out);
    }

    /** Stops the engine's processes; idempotent. */
    @Override
    void close();
}
