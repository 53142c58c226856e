package org.selfchallenge.udf;

import org.selfchallenge.cat.CatParser;
import org.selfchallenge.cat.Verdict;
import org.selfchallenge.cat.Verifier;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Environments;
import org.selfchallenge.sandbox.PythonWorkerPool;
import org.selfchallenge.sandbox.SandboxLimits;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Executor-side bridge from SQL to the core Code-as-Task parser and verifier: one verifier per
 * settings per JVM (its sandbox pool is expensive to start), reused by every task of the executor.
 * A missing sandbox (no python3 / libseccomp) is an infrastructure failure and propagates; every
 * problem with the task text itself is a verdict.
 */
public final class CatVerification {
    /** Reason code for rows naming an environment this build does not have. */
    public static final String UNKNOWN_ENV = "UNKNOWN_ENV";
    private static final ConcurrentHashMap<Settings, Verifier> VERIFIERS = new ConcurrentHashMap<>();

    private CatVerification() {
    }

    /**
     * @param minFailureCases minimum failure cases a task must carry
     * @param timeoutMs       wall-clock limit of one sandboxed run
     * @param workers         sandbox processes per JVM; 0 = the shared pool's default (available cores)
     */
    public record Settings(int minFailureCases, int timeoutMs, int workers) implements Serializable {
    }

    /** The verdict as SQL sees it. */
    public record Result(boolean valid, String reason, String detail, String instruction, String evaluation,
                         String solution, List<String> failureCases, int runs, double durationMs) {
    }

    static Verifier verifier(Settings s) {
        return VERIFIERS.computeIfAbsent(s, k -> {
            PythonWorkerPool pool = k.workers() == 0 ? PythonWorkerPool.shared()
                    : new PythonWorkerPool(PythonWorkerPool.Config.defaults().withSize(k.workers()));
            return new Verifier(pool, new CatParser(CatParser.Options.defaults().withMinFailureCases(k.minFailureCases())),
                    SandboxLimits.DEFAULT.withTimeoutMs(k.timeoutMs()));
        });
    }

    public static Result verify(Settings s, String env, String text) {
        Environment proto;
        try {
            proto = Environments.prototype(env);
        } catch (RuntimeException e) {
            return new Result(false, UNKNOWN_ENV, String.valueOf(e.getMessage()), null, null, null, null, 0, 0.0);
        }
        Verdict v = verifier(s).verify(proto, text == null ? "" : text);
        var t = v.task();
        return new Result(v.valid(), v.reason().name(), v.detail(),
                t == null ? null : t.instruction(), t == null ? null : t.evaluationFunction(),
                t == null ? null : t.solution(), t == null ? null : t.failureCases(),
                v.runs().size(), v.totalNanos() / 1e6);
    }
}
