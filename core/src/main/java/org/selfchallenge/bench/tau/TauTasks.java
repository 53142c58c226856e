package org.selfchallenge.bench.tau;

import org.selfchallenge.env.Resources;
import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.PyRepr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Loads τ-bench task files ({@code tasks_{split}.json}) bundled with core. */
public final class TauTasks {
    private TauTasks() {
    }

    /** Splits each τ-bench environment has upstream (airline has only test). */
    public static final Map<String, List<String>> SPLITS;

    static {
        LinkedHashMap<String, List<String>> m = new LinkedHashMap<>();
        m.put("retail", List.of("train", "dev", "test"));
        m.put("airline", List.of("test"));
        SPLITS = java.util.Collections.unmodifiableMap(m);
    }

    private static final ConcurrentHashMap<String, List<TauTask>> CACHE = new ConcurrentHashMap<>();

    /**
     * The tasks of {@code env}'s {@code split}, in file order (cached; the list is immutable).
     *
     * @throws IllegalArgumentException for an unknown environment or split (the message lists valid ones)
     * @throws IllegalStateException    for a missing or malformed task file (the message names it)
     */
    public static List<TauTask> load(String env, String split) {
        List<String> splits = SPLITS.get(env);
        if (splits == null) {
            throw new IllegalArgumentException("unknown τ-bench environment '" + env + "'; valid: "
                    + String.join(", ", SPLITS.keySet()));
        }
        if (!splits.contains(split)) {
            throw new IllegalArgumentException("unknown split '" + split + "' for " + env + "; valid: "
                    + String.join(", ", splits));
        }
        return CACHE.computeIfAbsent(env + "/" + split, k -> parse(Resources.DATA_ROOT + "taubench/" + env
                + "/tasks_" + split + ".json"));
    }

    /** Parses a task file from the classpath. */
    public static List<TauTask> parse(String resource) {
        String text = Resources.readString(resource);
        try {
            return parseText(text);
        } catch (RuntimeException e) {
            throw new IllegalStateException("malformed task file " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Parses the JSON text of a task file. */
    @SuppressWarnings("unchecked")
    public static List<TauTask> parseText(String text) {
        Object root = PyJson.parse(text);
        if (!(root instanceof List)) {
            throw new IllegalArgumentException("expected a JSON list of tasks, got " + PyRepr.typeName(root));
        }
        List<TauTask> out = new ArrayList<>();
        List<Object> items = (List<Object>) root;
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> t = asMap(items.get(i), "task " + i);
            List<TauAction> actions = new ArrayList<>();
            List<Object> acts = asList(t.get("actions"), "task " + i + " actions");
            for (int j = 0; j < acts.size(); j++) {
                Map<String, Object> a = asMap(acts.get(j), "task " + i + " action " + j);
                Object name = a.get("name");
                if (!(name instanceof String)) {
                    throw new IllegalArgumentException("task " + i + " action " + j + " has no string 'name'");
                }
                Object kw = a.get("kwargs");
                actions.add(new TauAction((String) name, kw == null ? Map.of() : asMap(kw, "task " + i + " action " + j + " kwargs")));
            }
            List<String> outputs = new ArrayList<>();
            Object outs = t.get("outputs");
            if (outs != null) {
                for (Object o : asList(outs, "task " + i + " outputs")) {
                    outputs.add(PyRepr.str(o));
                }
            }
            Object userId = t.get("user_id");
            Object instruction = t.get("instruction");
            outputs = List.copyOf(outputs);
            out.add(new TauTask(i, userId == null ? null : PyRepr.str(userId),
                    instruction == null ? null : PyRepr.str(instruction), actions, outputs));
        }
        return List.copyOf(out);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object v, String what) {
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException(what + " is not a JSON object");
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object v, String what) {
        if (!(v instanceof List)) {
            throw new IllegalArgumentException(what + " is not a JSON list");
        }
        return (List<Object>) v;
    }
}
