package org.selfchallenge.sandbox;

/** How one sandboxed run ended. None of these is thrown: every outcome is a recorded value. */
public enum RunStatus {
    /** The code ran to the end (for {@code evaluate}: it returned, see {@link RunResult#value()}). */
    OK,
    /** The code raised (including {@code SystemExit}); {@link RunResult#error()} has type, message, lines. */
    RAISED,
    /** The code does not compile ({@code SyntaxError}). */
    SYNTAX_ERROR,
    /** The evaluation source ran but defines no callable {@code evaluate}. */
    NO_EVALUATE,
    /** The wall-clock limit passed; the worker was killed and replaced. */
    TIMEOUT,
    /** The worker died (e.g. {@code os._exit}, a signal, the memory limit hit in C code) or spoke garbage. */
    CRASH,
    /** The run printed more than {@link SandboxLimits#maxOutputChars()}. */
    OUTPUT_LIMIT
}
