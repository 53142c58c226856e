package org.selfchallenge.sandbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.selfchallenge.env.Environment;

/**
 * One {@link PythonWorkerPool#runCases} call. The plan is the compile check of the evaluation function,
 * then case 0, evaluate 0, case 1, evaluate 1, ..., sent to one worker as a single "steps" request (one
 * round trip plus one per tool call), which stops at the first unexpected outcome. The worker forks a
 * fresh process for every case and every evaluate() and relays each one's tool calls under the case it
 * bound that process to, so no run can reach another case's state, a later run, or the plan. Each case's
 * environment is a fresh copy of the prototype's initial state, shared by the case and its evaluate.
 */
final class CaseExecution {
    private final PythonWorkerPool pool;
    private final Environment prototype;
    private final String evalSource;
    private final List<String> cases;
    private final boolean[] expect;
    private final boolean[] allowRaise;
    private final SandboxLimits limits;
    private final Environment[] envs;
    private final RunResult[] caseRuns;
    private final RunResult[] evalRuns;
    private final boolean stringConvention;
    private RunResult evalCheck;

    CaseExecution(PythonWorkerPool pool, Environment prototype, String evalSource, List<String> cases,
                  boolean[] expect, boolean[] allowRaise, SandboxLimits limits) {
        if (expect.length < cases.size() || allowRaise.length < cases.size()) {
            throw new IllegalArgumentException("expect/allowRaise must cover every case");
        }
        this.pool = pool;
        this.prototype = prototype;
        this.evalSource = evalSource;
        this.cases = cases;
        this.expect = expect;
        this.allowRaise = allowRaise;
        this.limits = limits;
        this.envs = new Environment[cases.size()];
        this.caseRuns = new RunResult[cases.size()];
        this.evalRuns = new RunResult[cases.size()];
        this.stringConvention = ToolBridge.stringConvention(prototype);
    }

    /** The case's environment; the index comes from the worker, which binds it per process. */
    private Environment env(int i) {
        if (i < 0 || i >= envs.length) {
            throw new IllegalStateException("the worker named case " + i + " of " + envs.length);
        }
        if (envs[i] == null) {
            envs[i] = prototype.fresh();
        }
        return envs[i];
    }

    // Plan: step 0 = compile check of the evaluation function; step 1+2i = case i; step 2+2i = evaluate i.
    CaseBatch run() {
        int planSize = 1 + cases.size() * 2;
        PythonWorker w = pool.acquire();
        if (w == null) {
            store(0, RunResult.failed(RunStatus.CRASH, pool.unavailableReason(), List.of(), 0));
            return batch();
        }
        PythonWorker.Exchange ex;
        try {
            PythonWorkerPool.bindTools(w, prototype);
            ex = w.exchange(g -> writeSteps(g, planSize), this::env, stringConvention, limits, planSize);
        } catch (IOException e) {
            w.kill();
            ex = new PythonWorker.Exchange(List.of(RunResult.failed(RunStatus.CRASH,
                    "worker pipe closed: " + e.getMessage(), List.of(), 0)), false);
        }
        int pos = 0;
        for (RunResult r : ex.runs()) {
            store(pos, r);
            pos++;
            if (!expected(pos - 1, r)) {
                break;
            }
        }
        pool.release(w, !ex.completed());
        return batch();
    }

    private CaseBatch batch() {
        List<CaseRun> out = new ArrayList<>();
        for (int i = 0; i < cases.size() && caseRuns[i] != null; i++) {
            out.add(new CaseRun(i, caseRuns[i], evalRuns[i]));
        }
        return new CaseBatch(evalCheck, out);
    }

    private void store(int step, RunResult r) {
        if (step == 0) {
            evalCheck = r;
        } else if (step % 2 == 1) {
            caseRuns[(step - 1) / 2] = r;
        } else {
            evalRuns[(step - 1) / 2] = r;
        }
    }

    private boolean expected(int step, RunResult r) {
        if (step == 0) {
            return r.status() == RunStatus.OK;
        }
        int i = (step - 1) / 2;
        if (step % 2 == 1) {
            return r.status() == RunStatus.OK || (allowRaise[i] && r.status() == RunStatus.RAISED);
        }
        return rewardMatches(expect[i], r);
    }

    /**
     * The reward of a run is 1 only when {@code evaluate()} returned exactly True. Expecting True:
     * that. Expecting False: any zero reward (False, a raise, a non-bool) except a broken evaluation
     * function or a sandbox failure (TIMEOUT/CRASH/OUTPUT_LIMIT), which end the verification.
     */
    static boolean rewardMatches(boolean expectTrue, RunResult r) {
        if (expectTrue) {
            return r.returnedTrue();
        }
        return r.status() == RunStatus.RAISED || (r.status() == RunStatus.OK && !Boolean.TRUE.equals(r.value()));
    }

    private void writeSteps(com.fasterxml.jackson.core.JsonGenerator g, int planSize) throws IOException {
        g.writeStartObject();
        g.writeStringField("op", "steps");
        g.writeStringField("eval", evalSource);
        PythonWorkerPool.writeLimits(g, limits);
        g.writeArrayFieldStart("steps");
        for (int s = 0; s < planSize; s++) {
            g.writeStartObject();
            if (s == 0) {
                g.writeNumberField("c", 0);
                g.writeNumberField("chk", 1);
            } else {
                int i = (s - 1) / 2;
                g.writeNumberField("c", i);
                if (s % 2 == 1) {
                    g.writeStringField("code", cases.get(i));
                    g.writeBooleanField("ar", allowRaise[i]);
                } else {
                    g.writeBooleanField("ev", expect[i]);
                }
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
