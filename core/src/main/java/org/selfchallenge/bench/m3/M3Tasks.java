package org.selfchallenge.bench.m3;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfchallenge.env.Resources;
import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.PyRepr;
import org.selfchallenge.pyval.expr.LiteralEval;
import org.selfchallenge.pyval.expr.PyStr;

/**
 * The 82 M3ToolEval tasks (48 calculation + 34 web browsing) from the bundled
 * {@code m3tooleval_tasks.json}, in upstream registration order.
 *
 * <p>The expected answer is rebuilt from {@code expected_output_python_repr} with
 * {@code literal_eval} (which keeps tuples as tuples and floats bit-exact), and checked against
 * {@code expected_output} (JSON) and {@code expected_output_python_str}; any disagreement fails loading
 * with the task's name, so a corrupt data file cannot silently change the answers.
 */
public final class M3Tasks {
    public static final String RESOURCE = Resources.DATA_ROOT + "m3tooleval/m3tooleval_tasks.json";

    private final List<M3Task> tasks;
    private final Map<String, M3Task> byName;

    private M3Tasks(List<M3Task> tasks) {
        this.tasks = List.copyOf(tasks);
        Map<String, M3Task> m = new LinkedHashMap<>();
        tasks.forEach(t -> m.put(t.name(), t));
        this.byName = Collections.unmodifiableMap(m);
    }

    private static final class Holder {
        static final M3Tasks INSTANCE = parse(Resources.readString(RESOURCE), RESOURCE);
    }

    /** The bundled tasks (parsed once per JVM). */
    public static M3Tasks get() {
        return Holder.INSTANCE;
    }

    /** Parses a task file in the bundled format; {@code source} names it in error messages. */
    public static M3Tasks parse(String json, String source) {
        Object root = PyJson.parse(json);
        if (!(root instanceof List<?> list)) {
            throw new IllegalStateException(source + ": expected a JSON list of tasks");
        }
        List<M3Task> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> o)) {
                throw new IllegalStateException(source + ": task #" + i + " is not an object");
            }
            out.add(task(o, source + " task #" + i));
        }
        return new M3Tasks(out);
    }

    private static M3Task task(Map<?, ?> o, String where) {
        String name = string(o, "name", where);
        String domain = string(o, "domain", where);
        String instruction = string(o, "instruction", where);
        String repr = string(o, "expected_output_python_repr", where);
        where = where + " (" + name + ")";
        if (!name.startsWith(domain + "/")) {
            throw new IllegalStateException(where + ": name does not start with its domain");
        }
        Object expected;
        try {
            expected = LiteralEval.eval(repr);
        } catch (RuntimeException e) {
            throw new IllegalStateException(where + ": expected_output_python_repr is not a literal: " + e.getMessage(), e);
        }
        if (!PyStr.repr(expected).equals(repr)) {
            throw new IllegalStateException(where + ": expected value does not round-trip its repr " + repr);
        }
        if (o.containsKey("expected_output") && !PyRepr.repr(o.get("expected_output")).equals(PyStr.repr(asJsonShape(expected)))) {
            throw new IllegalStateException(where + ": expected_output " + PyJson.dumps(o.get("expected_output"))
                    + " disagrees with its repr " + repr);
        }
        Object str = o.get("expected_output_python_str");
        if (str != null && !str.equals(PyStr.str(expected))) {
            throw new IllegalStateException(where + ": expected_output_python_str disagrees with the value");
        }
        Object single = o.get("is_single_tool_task");
        return new M3Task(name, domain, instruction, expected, Boolean.TRUE.equals(single));
    }

    /** The value as JSON would hold it: tuples become lists (dict keys here are str). */
    private static Object asJsonShape(Object v) {
        if (v instanceof org.selfchallenge.pyval.PyTuple t) {
            return asJsonShape(t.items());
        }
        if (v instanceof List<?> l) {
            List<Object> r = new ArrayList<>();
            l.forEach(x -> r.add(asJsonShape(x)));
            return r;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> r = new LinkedHashMap<>();
            m.forEach((k, x) -> r.put(k, asJsonShape(x)));
            return r;
        }
        return v;
    }

    private static String string(Map<?, ?> o, String key, String where) {
        Object v = o.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalStateException(where + ": missing string field '" + key + "'");
        }
        return s;
    }

    public List<M3Task> all() {
        return tasks;
    }

    /** The task, or null if there is none of that name. */
    public M3Task byName(String name) {
        return byName.get(name);
    }

    /** Tasks of the four calculation domains (48). */
    public List<M3Task> calculation() {
        return tasks.stream().filter(t -> !t.isWeb()).toList();
    }

    /** web_browsing tasks (34). */
    public List<M3Task> web() {
        return tasks.stream().filter(M3Task::isWeb).toList();
    }
}
