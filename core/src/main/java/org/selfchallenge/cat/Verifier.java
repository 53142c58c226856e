package org.selfchallenge.cat;

import java.util.ArrayList;
import java.util.List;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Environments;
import org.selfchallenge.sandbox.CaseBatch;
import org.selfchallenge.sandbox.CaseRun;
import org.selfchallenge.sandbox.CodeRunner;
import org.selfchallenge.sandbox.PythonWorkerPool;
import org.selfchallenge.sandbox.RunResult;
import org.selfchallenge.sandbox.RunStatus;
import org.selfchallenge.sandbox.SandboxLimits;

/**
 * The Code-as-Task filter (Zhou et al. 2025): a task is kept only if
 * <ol>
 *   <li>its evaluation function is executable (compiles and defines {@code evaluate}),</li>
 *   <li>after the solution, run on a fresh copy of the initial state, {@code evaluate()} returns
 *       exactly {@code True}, and</li>
 *   <li>after every failure case, each on its own fresh copy, {@code evaluate()} returns exactly
 *       {@code False}.</li>
 * </ol>
 * The reward of a run is 1 only when {@code evaluate()} returns exactly {@code True} (the executor's
 * reward uses the same rule). So after the solution, {@code evaluate()} raising or returning a
 * non-bool rejects the task (EVAL_RAISED, EVAL_NOT_BOOLEAN); after a failure case, False, a raise
 * and a non-bool all count as the wanted reward 0 (an {@code order["return_items"]} lookup that
 * raises KeyError because the wrong call failed is fine). The solution must run without raising; a
 * failure case may raise (a plausible wrong call that a tool rejects is a fine failure case).
 * TIMEOUT, SANDBOX_CRASH and OUTPUT_LIMIT reject wherever they happen. Verification stops at the
 * first failed check; the {@link Reason} names it.
 *
 * <p>Deterministic: every case starts from {@link Environment#fresh()}, Python's random module is
 * reseeded and hash randomisation is off in the workers, and no worker that ran suspicious code is
 * reused. Only TIMEOUT depends on the machine (a task near the wall-clock limit).
 *
 * <p>Thread-safe; never throws for bad task text or hostile code (those are verdicts).
 */
public final class Verifier {
    private static volatile Verifier shared;

    private final CodeRunner runner;
    private final CatParser parser;
    private final SandboxLimits limits;

    public Verifier(CodeRunner runner, CatParser parser, SandboxLimits limits) {
        this.runner = runner;
        this.parser = parser;
        this.limits = limits;
    }

    /** The per-JVM verifier: shared worker pool, default parser options and limits. */
    public static Verifier shared() {
        Verifier v = shared;
        if (v == null) {
            synchronized (Verifier.class) {
                if (shared == null) {
                    shared = new Verifier(PythonWorkerPool.shared(), new CatParser(), SandboxLimits.DEFAULT);
                }
                v = shared;
            }
        }
        return v;
    }

    /** Verifies raw challenger text against the named environment with the shared verifier (for UDFs). */
    public static Verdict verify(String envName, String rawText) {
        return shared().verify(Environments.prototype(envName), rawText);
    }

    public CatParser parser() {
        return parser;
    }

    public SandboxLimits limits() {
        return limits;
    }

    /** Parses then verifies. {@code prototype} is only copied ({@code fresh()}), never used itself. */
    public Verdict verify(Environment prototype, String rawText) {
        long t0 = System.nanoTime();
        ParseResult p = parser.parse(rawText);
        if (!p.ok()) {
            return new Verdict(false, Reason.PARSE_ERROR, p.error() + ": " + p.detail(), null, List.of(),
                    System.nanoTime() - t0);
        }
        return check(prototype, p.task(), t0);
    }

    public Verdict verify(Environment prototype, CodeAsTask task) {
        return check(prototype, task, System.nanoTime());
    }

    private Verdict check(Environment prototype, CodeAsTask task, long t0) {
        List<String> cases = new ArrayList<>(1 + task.failureCases().size());
        cases.add(task.solution());
        cases.addAll(task.failureCases());
        boolean[] expect = new boolean[cases.size()];
        boolean[] allowRaise = new boolean[cases.size()];
        expect[0] = true;
        for (int i = 1; i < cases.size(); i++) {
            allowRaise[i] = true;
        }
        CaseBatch batch = runner.runCases(prototype, task.evaluationFunction(), cases, expect, allowRaise, limits);
        List<RunReport> runs = new ArrayList<>();
        Reason reason = null;
        String detail = null;
        RunResult chk = batch.evalCheck();
        if (chk != null) {
            runs.add(RunReport.of("eval_check", 0, chk));
            if (chk.status() != RunStatus.OK) {
                reason = sandboxReason(chk.status());
                if (reason == null) {
                    reason = Reason.EVAL_NOT_EXECUTABLE;
                }
                detail = "evaluation function: " + chk.error();
            }
        }
        for (CaseRun cr : batch.cases()) {
            if (reason != null) {
                break;
            }
            int i = cr.index();
            String what = i == 0 ? "solution" : "failure case #" + i;
            RunResult c = cr.caseRun();
            runs.add(RunReport.of(i == 0 ? "solution" : "failure_case", i, c));
            Reason r = sandboxReason(c.status());
            if (r != null) {
                reason = r;
                detail = what + ": " + c.error();
                break;
            }
            if (c.status() == RunStatus.SYNTAX_ERROR) {
                reason = i == 0 ? Reason.SOLUTION_NOT_EXECUTABLE : Reason.FAILURE_CASE_NOT_EXECUTABLE;
                detail = what + ": " + c.error();
                break;
            }
            if (c.status() == RunStatus.RAISED && i == 0) {
                reason = Reason.SOLUTION_RAISED;
                detail = "solution: " + c.error();
                break;
            }
            RunResult e = cr.evalRun();
            if (e == null) {
                reason = Reason.SANDBOX_CRASH;
                detail = "evaluate() after the " + what + " did not run";
                break;
            }
            runs.add(RunReport.of("evaluate", i, e));
            r = sandboxReason(e.status());
            if (r != null) {
                reason = r;
                detail = "evaluate() after the " + what + ": " + e.error();
            } else if (e.status() == RunStatus.SYNTAX_ERROR || e.status() == RunStatus.NO_EVALUATE) {
                reason = Reason.EVAL_NOT_EXECUTABLE;
                detail = "evaluation function: " + e.error();
            } else if (i > 0 && !e.returnedTrue()) {
                continue; // reward 0 after a failure case: False, or evaluate() raised / returned a non-bool
            } else if (e.status() == RunStatus.RAISED) {
                reason = Reason.EVAL_RAISED;
                detail = "evaluate() after the " + what + " raised: " + e.error();
            } else if (e.value() == null) {
                reason = Reason.EVAL_NOT_BOOLEAN;
                detail = "evaluate() after the " + what + " returned " + e.valueType() + " " + e.valueRepr()
                        + ", not a bool";
            } else if (i == 0 && !e.value()) {
                reason = Reason.SOLUTION_REJECTED;
                detail = "evaluate() returned False after the solution";
            } else if (i > 0 && e.value()) {
                reason = Reason.FAILURE_CASE_ACCEPTED;
                detail = "evaluate() returned True after failure case #" + i;
            }
        }
        if (reason == null && batch.cases().size() < cases.size()) {
            reason = Reason.SANDBOX_CRASH;
            detail = "only " + batch.cases().size() + " of " + cases.size() + " cases ran";
        }
        if (reason == null) {
            reason = Reason.VALID;
            detail = "solution accepted; " + task.failureCases().size() + " failure case(s) rejected";
        }
        return new Verdict(reason == Reason.VALID, reason, detail, task, runs, System.nanoTime() - t0);
    }

    private static Reason sandboxReason(RunStatus s) {
        return switch (s) {
            case TIMEOUT -> Reason.TIMEOUT;
            case CRASH -> Reason.SANDBOX_CRASH;
            case OUTPUT_LIMIT -> Reason.OUTPUT_LIMIT;
            default -> null;
        };
    }
}
