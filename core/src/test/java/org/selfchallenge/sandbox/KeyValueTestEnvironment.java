package org.selfchallenge.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.ToolException;
import org.selfchallenge.env.ToolSpec;
import org.selfchallenge.pyval.PyTuple;

/**
 * Test double: a tiny state-based environment with Python-value tools (M3ToolEval convention), so
 * the sandbox can be tested without the benchmark environments. Initial state: {"a": {"n": 1}}.
 */
public final class KeyValueTestEnvironment implements Environment {
    private final Map<String, Object> state;

    public KeyValueTestEnvironment() {
        this(initial());
    }

    private KeyValueTestEnvironment(Map<String, Object> state) {
        this.state = state;
    }

    private static Map<String, Object> initial() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("n", 1L);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("a", a);
        return s;
    }

    static final List<ToolSpec> TOOLS = List.of(
            ToolSpec.of("get", "get a record", schema("get", "key"), List.of("key"), true),
            ToolSpec.of("put", "store a value", schema("put", "key", "value"), List.of("key", "value"), false),
            ToolSpec.of("fail", "raise ValueError", schema("fail", "why"), List.of("why"), true),
            new ToolSpec("total", "sum of numbers", schema("total"), List.of(), "numbers", true),
            ToolSpec.of("echo", "return its argument", schema("echo", "x"), List.of("x"), true));

    private static String schema(String name, String... required) {
        StringBuilder props = new StringBuilder();
        StringBuilder req = new StringBuilder();
        for (String r : required) {
            props.append(props.length() == 0 ? "" : ",").append('"').append(r).append("\":{}");
            req.append(req.length() == 0 ? "" : ",").append('"').append(r).append('"');
        }
        return "{\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"parameters\":{\"type\":\"object\","
                + "\"properties\":{" + props + "},\"required\":[" + req + "]}}}";
    }

    @Override
    public String name() {
        return "kv-test";
    }

    @Override
    public Kind kind() {
        return Kind.STATE_BASED;
    }

    @Override
    public List<ToolSpec> tools() {
        return TOOLS;
    }

    @Override
    public String policy() {
        return "";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object call(String tool, Map<String, Object> kwargs) {
        switch (tool) {
            case "get": {
                Object v = state.get((String) kwargs.get("key"));
                if (v == null) {
                    throw new ToolException("KeyError", "'" + kwargs.get("key") + "'");
                }
                return deepCopy(v);
            }
            case "put":
                state.put((String) kwargs.get("key"), deepCopy(kwargs.get("value")));
                return null;
            case "fail":
                throw new ToolException("ValueError", String.valueOf(kwargs.get("why")));
            case "total": {
                double t = 0;
                for (Object o : ((PyTuple) kwargs.get("numbers")).items()) {
                    t += ((Number) o).doubleValue();
                }
                return t;
            }
            case "echo":
                return kwargs.get("x");
            default:
                throw new ToolException("NameError", "no tool " + tool);
        }
    }

    @SuppressWarnings("unchecked")
    static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, deepCopy(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(deepCopy(x)));
            return out;
        }
        return v;
    }

    @Override
    public String stateHash() {
        return state.toString();
    }

    @Override
    public Environment fresh() {
        return new KeyValueTestEnvironment();
    }

    public Map<String, Object> state() {
        return state;
    }
}
