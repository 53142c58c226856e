package org.selfchallenge.env;

import java.util.List;
import java.util.Map;

/**
 * A tool as the model sees it: OpenAI function-calling schema ({@code {"type":"function","function":
 * {"name","description","parameters"}}}) kept verbatim in {@link #schemaJson()}, plus what the runtime
 * needs to bind Python calls: parameter names in declaration order, an optional varargs parameter
 * ({@code minimum_value(*args)}), and whether the tool can change the state.
 *
 * @param name            tool name
 * @param description     one-paragraph description
 * @param schemaJson      the full upstream JSON schema of the tool, as the model is shown it
 * @param parameterNames  parameter names in positional order
 * @param varargs         name of the parameter that collects extra positional arguments, or null
 * @param readOnly        true if the tool never changes the environment state
 */
public record ToolSpec(String name, String description, String schemaJson,
                       List<String> parameterNames, String varargs, boolean readOnly) {

    public ToolSpec {
        parameterNames = List.copyOf(parameterNames);
    }

    /** Convenience for callers that hold the parameter JSON schema as a map. */
    public static ToolSpec of(String name, String description, String schemaJson,
                              List<String> parameterNames, boolean readOnly) {
        return new ToolSpec(name, description, schemaJson, parameterNames, null, readOnly);
    }

    /** Marker so that {@code Map<String,Object>} stays the one argument type everywhere. */
    public static final Map<String, Object> NO_ARGS = Map.of();
}
