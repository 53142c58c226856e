package org.selfchallenge.cat;

import java.util.List;
import org.selfchallenge.sandbox.RunResult;
import org.selfchallenge.sandbox.RunStatus;
import org.selfchallenge.sandbox.ToolCall;

/**
 * One run of a verification, as reported in a {@link Verdict}.
 *
 * @param kind      {@code eval_check}, {@code solution}, {@code failure_case} or {@code evaluate}
 * @param caseIndex 0 for the solution (and its evaluate), i for failure case i (1-based)
 * @param status    how the run ended
 * @param result    for evaluate: {@code True}/{@code False} or {@code <type> repr}; else null
 * @param toolCalls calls made (name, arguments, error)
 * @param stdout    captured output, cut to {@value #STDOUT_EXCERPT_CHARS} characters
 * @param error     error text when not OK
 * @param nanos       wall time of the run
 * @param pythonNanos time the worker spent running code, excluding waits for tool results
 * @param processNanos time the worker spent obtaining and ending the run's process
 */
public record RunReport(String kind, int caseIndex, RunStatus status, String result, List<ToolCall> toolCalls,
                        String stdout, String error, long nanos, long pythonNanos, long processNanos) {
    public static final int STDOUT_EXCERPT_CHARS = 500;

    public static RunReport of(String kind, int caseIndex, RunResult r) {
        String result = null;
        if (r.status() == RunStatus.OK && r.value() != null) {
            result = r.value() ? "True" : "False";
        } else if (r.status() == RunStatus.OK && r.valueType() != null) {
            result = "<" + r.valueType() + "> " + r.valueRepr();
        }
        String out = r.stdout() == null ? "" : r.stdout();
        if (out.length() > STDOUT_EXCERPT_CHARS) {
            out = out.substring(0, STDOUT_EXCERPT_CHARS) + "...";
        }
        return new RunReport(kind, caseIndex, r.status(), result, r.toolCalls(), out, r.error(), r.nanos(),
                r.pythonNanos(), r.processNanos());
    }
}
