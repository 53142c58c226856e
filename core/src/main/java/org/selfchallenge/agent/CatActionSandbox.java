package org.selfchallenge.agent;

import org.selfchallenge.env.Environment;
import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.PyRepr;
import org.selfchallenge.sandbox.CodeRunner;
import org.selfchallenge.sandbox.CodeSession;
import org.selfchallenge.sandbox.RunResult;
import org.selfchallenge.sandbox.RunStatus;
import org.selfchallenge.sandbox.SandboxLimits;
import org.selfchallenge.sandbox.ToolCall;

import java.util.ArrayList;
import java.util.List;

/**
 * Episode code actions on the Code-as-Task sandbox ({@link CodeRunner}: locked-down CPython workers
 * outside the JVM, tools proxied to the Java environment). The observation is the run's output
 * followed by its error (exception, timeout, crash, output limit), so hostile or broken code is just
 * something the policy reads. Thread-safe (the runner is); each session belongs to one episode.
 */
public final class CatActionSandbox implements ActionSandbox {
    public static final String CONVENTIONS = "sandbox_conventions.v1";
    /** Per code action: generous for honest code (runs take milliseconds), short enough for an episode. */
    public static final long DEFAULT_ACTION_TIMEOUT_MS = 10_000;
    /** Tool results kept per call in the trajectory (the policy sees the printed output, not this). */
    static final int MAX_RECORDED_RESULT_CHARS = 2_000;
    static final String NO_OUTPUT = "[no output]";

    private final CodeRunner runner;
    private final SandboxLimits limits;
    private final boolean ownsRunner;

    public CatActionSandbox(CodeRunner runner, SandboxLimits limits, boolean ownsRunner) {
        this.runner = runner;
        this.limits = limits;
        this.ownsRunner = ownsRunner;
    }

    public static SandboxLimits defaultLimits() {
        return SandboxLimits.DEFAULT.withTimeoutMs(DEFAULT_ACTION_TIMEOUT_MS);
    }

    @Override
    public Session open(Environment env) {
        CodeSession s = runner.open(env, limits);
        return new Session() {
            @Override
            public Observation run(String code) {
                RunResult r = s.run(code);
                return new Observation(observation(r), calls(r.toolCalls()), failure(r), r.hasAnswer(), r.answer());
            }

            @Override
            public Verdict evaluate(String evaluationSource, Object finalAnswer) {
                RunResult r = s.evaluate(evaluationSource, finalAnswer);
                if (r.returnedTrue()) return new Verdict(true, "evaluate() returned True");
                if (r.returnedFalse()) return new Verdict(false, "evaluate() returned False");
                if (r.status() == RunStatus.OK) {
                    return new Verdict(false, "evaluate() returned " + r.valueType() + " " + r.valueRepr()
                            + ", not a bool");
                }
                return new Verdict(false, r.status() + ": " + r.error());
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    /** Why the sandbox stopped a code action's process, or null when the code ended or raised by itself. */
    static String failure(RunResult r) {
        return switch (r.status()) {
            case TIMEOUT, CRASH, OUTPUT_LIMIT ->
                    r.status() + (r.error() == null || r.error().isBlank() ? "" : ": " + r.error().strip());
            default -> null;
        };
    }

    /** What the policy is shown: the output, then what went wrong. */
    static String observation(RunResult r) {
        StringBuilder sb = new StringBuilder(r.stdout() == null ? "" : r.stdout());
        if (r.stdoutChars() > sb.length()) sb.append("\n[... ").append(r.stdoutChars() - sb.length())
                .append(" more characters of output not shown]");
        if (r.status() != RunStatus.OK) {
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') sb.append('\n');
            String what = switch (r.status()) {
                case TIMEOUT -> "Error: the code did not finish in time; it was stopped and your variables are lost.";
                case OUTPUT_LIMIT -> "Error: the code printed too much output and was stopped.";
                case CRASH -> "Error: the interpreter crashed and was restarted; your variables are lost.";
                default -> null;
            };
            if (what != null) sb.append(what);
            if (r.error() != null && !r.error().isBlank()) {
                sb.append(what != null ? " Details: " : "").append(r.error().strip());
            }
        }
        return sb.length() == 0 ? NO_OUTPUT : sb.toString();
    }

    static List<Turn.ToolCall> calls(List<ToolCall> calls) {
        List<Turn.ToolCall> out = new ArrayList<>(calls.size());
        for (ToolCall c : calls) {
            String args;
            try {
                args = PyJson.dumps(c.args());
            } catch (RuntimeException e) {
                args = String.valueOf(c.args());
            }
            String result = c.error() != null ? c.error() : PyRepr.str(c.result());
            if (result.length() > MAX_RECORDED_RESULT_CHARS) {
                result = result.substring(0, MAX_RECORDED_RESULT_CHARS) + ExecutorEpisode.TRUNCATED;
            }
            out.add(new Turn.ToolCall(c.name(), args, result));
        }
        return out;
    }

    @Override
    public String conventions() {
        return Prompts.load(CONVENTIONS);
    }

    @Override
    public void close() {
        if (ownsRunner) runner.close();
    }
}
