package org.selfchallenge.challenger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.ToolSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The procedural challenger's only window on an environment: read-only tool calls, each recorded in
 * the exploration trace. Write tools are refused, so exploring never changes the state that the
 * task's {@code evaluate()} later inspects.
 */
public final class Explorer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TRACE_RESULT_CHARS = 400;
    private final Environment env;
    private final List<Map<String, Object>> trace = new ArrayList<>();

    public Explorer(Environment env) {
        this.env = env;
    }

    public String envName() {
        return env.name();
    }

    private ToolSpec spec(String tool) {
        return env.tools().stream().filter(t -> t.name().equals(tool)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tool " + tool + " in " + env.name()));
    }

    /** Calls a read-only tool with positional arguments, bound to names as Python would. */
    public Object callArgs(String tool, Object... positional) {
        List<String> names = spec(tool).parameterNames();
        if (positional.length > names.size()) {
            throw new IllegalArgumentException(tool + " takes " + names.size() + " arguments");
        }
        Map<String, Object> kw = new LinkedHashMap<>();
        for (int i = 0; i < positional.length; i++) {
            kw.put(names.get(i), positional[i]);
        }
        return call(tool, kw);
    }

    /**
     * Calls a read-only tool; the raw result (a JSON string for τ-bench tools, a Python value for M3),
     * or null when the tool raised (the error is in the trace).
     */
    public Object call(String tool, Map<String, Object> kwargs) {
        ToolSpec spec = spec(tool);
        if (!spec.readOnly()) {
            throw new IllegalArgumentException("the procedural challenger only explores with read-only tools: " + tool);
        }
        Object result;
        String shown;
        try {
            result = env.call(tool, kwargs);
            shown = String.valueOf(result);
        } catch (RuntimeException e) {
            result = null;
            shown = "raised " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("tool", tool);
        step.put("arguments", kwargs);
        step.put("result", shown.length() > TRACE_RESULT_CHARS ? shown.substring(0, TRACE_RESULT_CHARS) + "..." : shown);
        trace.add(step);
        return result;
    }

    /** A τ-bench tool's JSON result parsed, or null when the tool answered with an error string. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> callJson(String tool, Map<String, Object> kwargs) {
        Object r = call(tool, kwargs);
        if (!(r instanceof String s) || s.startsWith("Error")) {
            return null;
        }
        try {
            return JSON.readValue(s, LinkedHashMap.class);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    public String traceJson() {
        try {
            return JSON.writeValueAsString(trace);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
