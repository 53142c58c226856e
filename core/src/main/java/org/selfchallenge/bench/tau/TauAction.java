package org.selfchallenge.bench.tau;

import org.selfchallenge.pyval.PyValues;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A τ-bench action {@code {name, kwargs}} (pydantic {@code Action}). {@code kwargs} holds Python values
 * (int/float kept apart); {@link #kwargsCopy()} gives a private deep copy for a tool call.
 */
public record TauAction(String name, Map<String, Object> kwargs) {
    public static final String RESPOND = "respond";

    public TauAction {
        kwargs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
    }

    public LinkedHashMap<String, Object> kwargsCopy() {
        return PyValues.deepCopy(new LinkedHashMap<>(kwargs));
    }
}
