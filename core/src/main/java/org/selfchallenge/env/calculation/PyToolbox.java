package org.selfchallenge.env.calculation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfchallenge.env.ToolSpec;
import org.selfchallenge.pyval.PyException;

/** An ordered, immutable set of {@link PyTool}s addressed by name. */
public final class PyToolbox {
    private final Map<String, PyTool> tools;
    private final List<ToolSpec> specs;

    public PyToolbox(List<? extends PyTool> tools) {
        Map<String, PyTool> m = new LinkedHashMap<>();
        List<ToolSpec> s = new ArrayList<>();
        for (PyTool t : tools) {
            if (m.put(t.name(), t) != null) {
                throw new IllegalArgumentException("duplicate tool " + t.name());
            }
            s.add(t.spec());
        }
        this.tools = Collections.unmodifiableMap(m);
        this.specs = List.copyOf(s);
    }

    public List<ToolSpec> specs() {
        return specs;
    }

    /** Tools by name, in order. */
    public Map<String, PyTool> tools() {
        return tools;
    }

    public boolean has(String name) {
        return tools.containsKey(name);
    }

    /** The tool, or a NameError as the model's Python code would see for an unknown name. */
    public PyTool tool(String name) {
        PyTool t = tools.get(name);
        if (t == null) {
            throw new PyException("NameError", "name '" + name + "' is not defined");
        }
        return t;
    }
}
