package org.selfchallenge.sandbox;

import java.util.Map;

/**
 * One tool call made by sandboxed code, as Java answered it.
 *
 * @param name   tool name
 * @param args   keyword arguments (positional ones already mapped to parameter names)
 * @param result the tool's return value (a Python value, see {@code org.selfchallenge.env.Environment}),
 *               or null when it raised
 * @param error  null on success, else {@code "Type: message"} as raised inside Python
 * @param nanos  time Java spent in {@code Environment.call}
 */
public record ToolCall(String name, Map<String, Object> args, Object result, String error, long nanos) {
}
