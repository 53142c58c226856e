package org.selfchallenge.sandbox;

/**
 * Resource limits for sandboxed runs.
 *
 * @param timeoutMs       wall-clock limit of ONE run (a case, an {@code evaluate()} call or one
 *                        session step), enforced by killing the worker process
 * @param maxStdoutChars  characters of stdout kept in {@link RunResult#stdout()} (the rest is
 *                        counted but dropped)
 * @param maxOutputChars  hard limit of characters printed by one run; above it the run is stopped
 *                        with {@link RunStatus#OUTPUT_LIMIT}
 * @param maxToolCalls    tool calls allowed per run; further calls raise {@code RuntimeError} in Python
 */
public record SandboxLimits(long timeoutMs, int maxStdoutChars, long maxOutputChars, int maxToolCalls) {

    /** Default wall-clock limit of one run. Generous: a normal run takes well under a millisecond. */
    public static final long DEFAULT_TIMEOUT_MS = 2_000;
    public static final int DEFAULT_MAX_STDOUT_CHARS = 10_000;
    public static final long DEFAULT_MAX_OUTPUT_CHARS = 1_000_000;
    public static final int DEFAULT_MAX_TOOL_CALLS = 1_000;

    public static final SandboxLimits DEFAULT = new SandboxLimits(DEFAULT_TIMEOUT_MS,
            DEFAULT_MAX_STDOUT_CHARS, DEFAULT_MAX_OUTPUT_CHARS, DEFAULT_MAX_TOOL_CALLS);

    public SandboxLimits {
        if (timeoutMs <= 0 || maxStdoutChars < 0 || maxOutputChars < maxStdoutChars || maxToolCalls < 0) {
            throw new IllegalArgumentException("bad sandbox limits: timeoutMs=" + timeoutMs + " maxStdoutChars="
                    + maxStdoutChars + " maxOutputChars=" + maxOutputChars + " maxToolCalls=" + maxToolCalls);
        }
    }

    public SandboxLimits withTimeoutMs(long ms) {
        return new SandboxLimits(ms, maxStdoutChars, maxOutputChars, maxToolCalls);
    }
}
