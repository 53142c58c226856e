package org.selfchallenge.udf;

import java.io.Serializable;
import java.util.List;

/**
 * Executor-side bridge from SQL to the core Code-as-Task parser and verifier: one verifier per
 * settings per JVM (its sandbox pool is expensive to start), reused by every task of the executor.
 */
public final class CatVerification {
    private CatVerification() {
    }

    /**
     * @param minFailureCases minimum failure cases a task must carry
     * @param timeoutMs       wall-clock limit of one sandboxed run
     * @param workers         sandbox processes per JVM; 0 = available processors
     */
    public record Settings(int minFailureCases, int timeoutMs, int workers) implements Serializable {
    }

    /** The verdict as SQL sees it. */
    public record Result(boolean valid, String reason, String detail, String instruction, String evaluation,
                         String solution, List<String> failureCases, int runs, double durationMs) {
    }

    public static Result verify(Settings s, String env, String text) {
        throw new UnsupportedOperationException("verify_cat: the cat module is not merged yet");
    }
}
