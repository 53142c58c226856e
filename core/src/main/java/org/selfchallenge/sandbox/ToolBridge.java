package org.selfchallenge.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.ToolException;

/**
 * Answers one tool call from Python against the Java-owned environment and writes the reply line.
 *
 * <p>Reply format: {@code {"v": value}} (a Python value), {@code {"j": "text"}} or {@code J<text>}
 * (a τ-bench string, the second form raw when it has no newline: Python parses it when it is a
 * JSON object/array, else keeps the string) or
 * {@code {"x": "ExceptionType", "m": "message"}} (raised inside Python).
 *
 * <p>Error convention: τ-bench environments (retail, airline) report errors as result strings
 * starting with {@code "Error"} or {@code "Unknown action"}; these raise {@code ToolError(text)} in
 * Python, so a failing call cannot go unnoticed by a solution. M3ToolEval tools throw
 * {@link ToolException}, re-raised as the same Python type. A Java exception escaping an
 * environment (a bad argument type, say) becomes {@code TypeError}/{@code ValueError}/{@code RuntimeError}.
 */
final class ToolBridge {
    private ToolBridge() {
    }

    /** τ-bench environments return strings (JSON records or error text) from every tool. */
    static boolean stringConvention(Environment env) {
        String n = env.name();
        return env instanceof org.selfchallenge.env.TauEnvironment || "retail".equals(n) || "airline".equals(n);
    }

    static boolean isTauError(String s) {
        return s.startsWith("Error") || s.startsWith("Unknown action");
    }

    /** Calls the tool, writes the reply object and returns the record of the call. */
    static ToolCall answer(Environment env, boolean stringConvention, String name, Map<String, Object> args,
                           boolean overLimit, JsonGenerator g) throws IOException {
        Object result;
        String errType;
        String errMsg;
        long t0 = System.nanoTime();
        if (overLimit) {
            errType = "RuntimeError";
            errMsg = "tool call limit exceeded";
            result = null;
        } else {
            try {
                result = env.call(name, args);
                errType = null;
                errMsg = null;
            } catch (ToolException e) {
                result = null;
                errType = e.pythonType();
                errMsg = e.getMessage() == null ? "" : e.getMessage();
            } catch (ClassCastException e) {
                result = null;
                errType = "TypeError";
                errMsg = name + "(): argument of the wrong type";
            } catch (IllegalArgumentException e) {
                result = null;
                errType = "ValueError";
                errMsg = name + "(): " + e.getMessage();
            } catch (RuntimeException e) {
                result = null;
                errType = "RuntimeError";
                errMsg = name + "() failed: " + e;
            } catch (StackOverflowError | OutOfMemoryError e) {
                // a tool's own bounds should prevent these; if one slips through it is this call's
                // error, not the end of the verification batch that the thread is running
                result = null;
                errType = e instanceof StackOverflowError ? "RecursionError" : "MemoryError";
                errMsg = name + "() ran out of " + (e instanceof StackOverflowError ? "stack" : "memory");
            }
        }
        long nanos = System.nanoTime() - t0;
        if (errType == null && stringConvention && result instanceof String s && isTauError(s)) {
            errType = "ToolError";
            errMsg = s;
        }
        if (errType == null && stringConvention && result instanceof String s && s.indexOf('\n') < 0) {
            // the common case, a one-line json.dumps record or plain text: sent raw ("J" + text),
            // so it is neither escaped here nor unescaped before Python parses it
            g.writeRaw('J');
            g.writeRaw(s);
            return new ToolCall(name, args, result, null, nanos);
        }
        g.writeStartObject();
        if (errType != null) {
            g.writeStringField("x", errType);
            g.writeStringField("m", errMsg);
        } else if (stringConvention && result instanceof String s) {
            g.writeStringField("j", s);
        } else {
            g.writeFieldName("v");
            WireValues.write(g, result);
        }
        g.writeEndObject();
        return new ToolCall(name, args, errType == null ? result : null,
                errType == null ? null : errType + ": " + errMsg, nanos);
    }
}
