package org.selfchallenge.sandbox;

import java.util.List;

/**
 * Outcome of one sandboxed run.
 *
 * @param status          how it ended
 * @param value           for {@code evaluate()} runs that returned a bool: {@link Boolean}; else null
 * @param valueType       Python type name of what {@code evaluate()} returned when it was not a bool
 *                        ({@code valueRepr} holds its repr), else null
 * @param valueRepr       repr (cut at 200 chars) of a non-bool {@code evaluate()} result, else null
 * @param stdout          captured stdout + stderr, at most {@link SandboxLimits#maxStdoutChars()}
 * @param stdoutChars     characters printed in total (more than {@code stdout.length()} when cut)
 * @param error           for RAISED/SYNTAX_ERROR/TIMEOUT/CRASH/...: what happened, else null
 * @param toolCalls       tool calls in order
 * @param answer          the value passed to {@code submit_answer(x)} during this run (a Python
 *                        value), or null
 * @param hasAnswer       whether {@code submit_answer} was called (distinguishes {@code submit_answer(None)})
 * @param nanos           wall time of the run seen from Java, tool calls included
 * @param pythonNanos     time inside Python, excluding waiting for tool results (0 when unknown)
 * @param processNanos    time the worker spent obtaining and ending the run's process (0 when unknown)
 */
public record RunResult(RunStatus status, Boolean value, String valueType, String valueRepr, String stdout,
                        long stdoutChars, String error, List<ToolCall> toolCalls, Object answer,
                        boolean hasAnswer, long nanos, long pythonNanos, long processNanos) {

    public RunResult {
        toolCalls = List.copyOf(toolCalls);
    }

    public boolean ok() {
        return status == RunStatus.OK;
    }

    /** True only when the run was an {@code evaluate()} that returned exactly {@code True}. */
    public boolean returnedTrue() {
        return status == RunStatus.OK && Boolean.TRUE.equals(value);
    }

    public boolean returnedFalse() {
        return status == RunStatus.OK && Boolean.FALSE.equals(value);
    }

    static RunResult failed(RunStatus status, String error, List<ToolCall> calls, long nanos) {
        return new RunResult(status, null, null, null, "", 0, error, calls, null, false, nanos, 0, 0);
    }
}
