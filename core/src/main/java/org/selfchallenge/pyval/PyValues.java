package org.selfchallenge.pyval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep copy and deep freeze of Python values (dict/list trees with scalar leaves). */
public final class PyValues {
    private PyValues() {
    }

    /** A mutable deep copy: every dict a {@link LinkedHashMap}, every list an {@link ArrayList}. */
    @SuppressWarnings("unchecked")
    public static <T> T deepCopy(T v) {
        if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            LinkedHashMap<Object, Object> out = new LinkedHashMap<>(Math.max(4, (int) (m.size() / 0.75f) + 1));
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(e.getKey(), deepCopy(e.getValue()));
            }
            return (T) out;
        }
        if (v instanceof List) {
            List<?> l = (List<?>) v;
            ArrayList<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(deepCopy(o));
            }
            return (T) out;
        }
        return v; // scalars and PyTuple are immutable
    }

    /**
     * A read-only deep view for data shared between environments: every nested dict and list is
     * wrapped unmodifiable (order kept), so a tool that forgets copy-on-write fails loudly instead of
     * corrupting every other environment.
     */
    @SuppressWarnings("unchecked")
    public static <T> T freeze(T v) {
        if (v instanceof Map) {
            Map<Object, Object> m = (Map<Object, Object>) v;
            LinkedHashMap<Object, Object> out = new LinkedHashMap<>(Math.max(4, (int) (m.size() / 0.75f) + 1));
            for (Map.Entry<Object, Object> e : m.entrySet()) {
                out.put(e.getKey(), freeze(e.getValue()));
            }
            return (T) Collections.unmodifiableMap(out);
        }
        if (v instanceof List) {
            List<Object> l = (List<Object>) v;
            ArrayList<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(freeze(o));
            }
            return (T) Collections.unmodifiableList(out);
        }
        return v;
    }
}
