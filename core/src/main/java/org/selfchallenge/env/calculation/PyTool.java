package org.selfchallenge.env.calculation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfchallenge.env.ToolSpec;
import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.PyTuple;
import org.selfchallenge.pyval.expr.PyFunction;

/**
 * One M3ToolEval tool: a port of an upstream Python function with its exact behaviour, including the
 * exceptions it raises. Arguments are bound the way CPython binds a call to a {@code def f(a, b, *args)}
 * (positional, then keyword; missing/extra/duplicate arguments raise CPython's TypeError text), then
 * {@link #invoke} runs with the parameters in declaration order plus the extra positionals.
 *
 * <p>The JSON schema ({@link #spec()}) is synthesised, since upstream shows the model only the
 * description and {@link #signature()}: its properties are the real Python parameter names (which can
 * differ from the description, e.g. {@code reverse_string(s)}), the varargs parameter is an array.
 */
public abstract class PyTool implements PyFunction {
    /** JSON schema types used in the synthesised schemas. */
    protected static final String STRING = "string";
    protected static final String NUMBER = "number";
    protected static final String INTEGER = "integer";
    /** Any JSON value: upstream's untyped parameters. */
    protected static final String ANY = null;

    private final String name;
    private final String description;
    private final String signature;
    private final List<String> params;
    private final List<String> paramTypes;
    private final String varargs;
    private final String varargsType;
    private final boolean readOnly;
    private final ToolSpec spec;
    private static final java.util.concurrent.ConcurrentHashMap<String, ToolSpec> SPEC_CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param paramsAndTypes alternating parameter name and JSON type ({@code null} = any)
     */
    protected PyTool(String name, String description, String signature, String varargs, String varargsType,
                     boolean readOnly, String... paramsAndTypes) {
        this.name = name;
        this.description = description;
        this.signature = signature;
        List<String> ps = new ArrayList<>();
        List<String> ts = new ArrayList<>();
        for (int i = 0; i < paramsAndTypes.length; i += 2) {
            ps.add(paramsAndTypes[i]);
            ts.add(paramsAndTypes[i + 1]);
        }
        this.params = List.copyOf(ps);
        this.paramTypes = java.util.Collections.unmodifiableList(ts);
        this.varargs = varargs;
        this.varargsType = varargsType;
        this.readOnly = readOnly;
        // Specs are immutable and identical for every instance of a tool class: build each once, so
        // that a fresh stateful environment (a new browser) does not re-serialise its schemas.
        this.spec = SPEC_CACHE.computeIfAbsent(getClass().getName() + "/" + name,
                k -> new ToolSpec(name, description, schemaJson(), params, varargs, readOnly));
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** Upstream {@code fn_signature}, shown to the model as {@code "    Signature: ..."}. */
    public String signature() {
        return signature;
    }

    public ToolSpec spec() {
        return spec;
    }

    /** Name used in CPython's binding errors ({@code __qualname__}), e.g. {@code WebBrowser.view}. */
    protected String qualname() {
        return name;
    }

    /** Runs the tool on bound arguments: {@code params} in declaration order, {@code extra} = *args. */
    protected abstract Object invoke(Object[] params, List<Object> extra);

    @Override
    public Object call(List<Object> args, Map<String, Object> kwargs) {
        Object[] bound = new Object[params.size()];
        boolean[] set = new boolean[params.size()];
        int n = Math.min(args.size(), params.size());
        for (int i = 0; i < n; i++) {
            bound[i] = args.get(i);
            set[i] = true;
        }
        List<Object> extra = new ArrayList<>();
        if (args.size() > params.size()) {
            if (varargs == null) {
                int p = params.size();
                throw new PyException("TypeError", qualname() + "() takes " + p + " positional argument"
                        + (p == 1 ? "" : "s") + " but " + args.size() + (args.size() == 1 ? " was" : " were") + " given");
            }
            extra.addAll(args.subList(params.size(), args.size()));
        }
        if (kwargs != null) {
            for (Map.Entry<String, Object> e : kwargs.entrySet()) {
                int k = params.indexOf(e.getKey());
                if (k < 0) {
                    throw new PyException("TypeError", qualname() + "() got an unexpected keyword argument '"
                            + e.getKey() + "'");
                }
                if (set[k]) {
                    throw new PyException("TypeError", qualname() + "() got multiple values for argument '"
                            + e.getKey() + "'");
                }
                bound[k] = e.getValue();
                set[k] = true;
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            if (!set[i]) {
                missing.add("'" + params.get(i) + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new PyException("TypeError", qualname() + "() missing " + missing.size() + " required positional argument"
                    + (missing.size() == 1 ? "" : "s") + ": " + joinNames(missing));
        }
        return invoke(bound, extra);
    }

    /** CPython's list of missing names: {@code 'a'}, {@code 'a' and 'b'}, {@code 'a', 'b', and 'c'}. */
    private static String joinNames(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        if (names.size() == 2) {
            return names.get(0) + " and " + names.get(1);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + ", and " + names.get(names.size() - 1);
    }

    /**
     * The {@link org.selfchallenge.env.Environment#call} convention: named parameters by name, and the
     * extra positionals of a varargs tool as a list (or tuple) under the varargs name, e.g.
     * {@code {"args": [3, 1, 2]}} for {@code minimum_value(3, 1, 2)}.
     */
    public Object callWithKwargs(Map<String, Object> kwargs) {
        Map<String, Object> kw = new LinkedHashMap<>(kwargs == null ? Map.of() : kwargs);
        List<Object> positional = new ArrayList<>();
        if (varargs != null && kw.containsKey(varargs)) {
            Object v = kw.remove(varargs);
            // Named parameters before *args can then only be passed positionally, as in Python.
            for (String p : params) {
                if (!kw.containsKey(p)) {
                    throw new PyException("TypeError", qualname() + "() missing 1 required positional argument: '" + p + "'");
                }
                positional.add(kw.remove(p));
            }
            if (v instanceof PyTuple t) {
                positional.addAll(t.items());
            } else if (v instanceof List<?> l) {
                positional.addAll(l);
            } else {
                throw new PyException("TypeError", qualname() + "() argument after * must be an iterable, not "
                        + org.selfchallenge.pyval.expr.PyOps.typeName(v));
            }
        }
        return call(positional, kw);
    }

    private String schemaJson() {
        Map<String, Object> props = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            props.put(params.get(i), typeSchema(paramTypes.get(i)));
        }
        if (varargs != null) {
            Map<String, Object> arr = new LinkedHashMap<>();
            arr.put("type", "array");
            arr.put("items", typeSchema(varargsType));
            arr.put("description", "extra positional arguments (*" + varargs + ")");
            props.put(varargs, arr);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("type", "object");
        parameters.put("properties", props);
        parameters.put("required", new ArrayList<Object>(params));
        Map<String, Object> fn = new LinkedHashMap<>();
        fn.put("name", name);
        fn.put("description", description);
        fn.put("parameters", parameters);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("type", "function");
        root.put("function", fn);
        return PyJson.dumps(root);
    }

    private static Map<String, Object> typeSchema(String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (type != null) {
            m.put("type", type);
        }
        return m;
    }

    /** Convenience for tests and the runtime: {@code tool(a, b, ...)}. */
    public Object callPositional(Object... args) {
        return call(Arrays.asList(args), Map.of());
    }
}
