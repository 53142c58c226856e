package org.selfchallenge.env;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Base of the τ-bench environments (retail, airline): one {@link CowDatabase} plus the shared
 * {@link TauDomain}. Reproduces upstream {@code Env.step} for tool actions: an unknown tool gives
 * {@code "Unknown action {name}"}, Python's keyword binding errors and every exception a tool raises
 * become {@code "Error: {str(e)}"}.
 *
 * <p>Subclasses only add {@link #create(CowDatabase)} and a static {@code load()} (see
 * {@link org.selfchallenge.env package docs}).
 */
public abstract class TauEnvironment implements Environment {
    private final TauDomain domain;
    private final Map<String, TauTool> toolMap;
    private final CowDatabase db;

    protected TauEnvironment(TauDomain domain, Map<String, TauTool> toolMap, CowDatabase db) {
        this.domain = domain;
        this.toolMap = toolMap;
        this.db = db;
    }

    /** A new environment of the same class over {@code db}. */
    protected abstract TauEnvironment create(CowDatabase db);

    /** τ-bench scores the data the episode leaves behind. */
    @Override
    public final Kind kind() {
        return Kind.STATE_BASED;
    }

    @Override
    public String name() {
        return domain.name();
    }

    @Override
    public List<ToolSpec> tools() {
        return domain.specs();
    }

    @Override
    public String policy() {
        return domain.policy();
    }

    public TauDomain domain() {
        return domain;
    }

    /** This instance's database (for reward replay, inspection and the Code-as-Task sandbox). */
    public CowDatabase db() {
        return db;
    }

    public boolean isTerminateTool(String tool) {
        return domain.terminateTools().contains(tool);
    }

    /** True for a known read-only tool; false for write tools and unknown names. */
    public boolean isReadOnly(String tool) {
        TauTool t = toolMap.get(tool);
        return t != null && t.readOnly();
    }

    /**
     * {@code Env.step(Action(name, kwargs))} for a tool action. Returns the observation string; null
     * only where the upstream tool returns None (airline {@code send_certificate} when full).
     */
    @Override
    public String call(String tool, Map<String, Object> kwargs) {
        TauTool t = toolMap.get(tool);
        if (t == null) {
            return "Unknown action " + tool;
        }
        Map<String, Object> kw = kwargs == null ? Map.of() : kwargs;
        String bindError = bindError(domain.name(), t, kw);
        if (bindError != null) {
            return "Error: " + bindError;
        }
        try {
            return t.invoke(db, kw);
        } catch (ToolException e) {
            return "Error: " + e.getMessage();
        } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
            // A Python tool given a wrongly typed argument raises TypeError/AttributeError; the exact
            // CPython text is not reproduced for these, but the observation still starts with "Error: ".
            return "Error: " + describe(e);
        }
    }

    private static String describe(RuntimeException e) {
        if (e instanceof IndexOutOfBoundsException) {
            return "list index out of range";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * CPython's TypeError text for {@code Cls.invoke(data=self.data, **kwargs)} with bad keywords, or
     * null. A {@code data} keyword collides at the call site, where CPython names the function by its
     * module path ({@code tau_bench/envs/<env>/tools/<tool>.py}).
     */
    static String bindError(String envName, TauTool t, Map<String, Object> kw) {
        List<String> params = t.parameters();
        String fn = t.pythonClassName() + ".invoke()";
        if (kw.containsKey("data")) {
            return "tau_bench.envs." + envName + ".tools." + t.name() + "." + fn
                    + " got multiple values for keyword argument 'data'";
        }
        for (String k : kw.keySet()) {
            if (!params.contains(k)) {
                return fn + " got an unexpected keyword argument '" + k + "'";
            }
        }
        if (kw.size() == params.size()) {
            return null;
        }
        List<String> missing = new ArrayList<>();
        for (String p : params) {
            if (!kw.containsKey(p)) {
                missing.add("'" + p + "'");
            }
        }
        StringBuilder sb = new StringBuilder(fn).append(" missing ").append(missing.size())
                .append(" required positional argument").append(missing.size() == 1 ? "" : "s").append(": ");
        if (missing.size() == 1) {
            sb.append(missing.get(0));
        } else if (missing.size() == 2) {
            sb.append(missing.get(0)).append(" and ").append(missing.get(1));
        } else {
            sb.append(String.join(", ", missing.subList(0, missing.size() - 1))).append(", and ")
                    .append(missing.get(missing.size() - 1));
        }
        return sb.toString();
    }

    @Override
    public String stateHash() {
        return db.hash();
    }

    @Override
    public TauEnvironment fresh() {
        return create(db.fresh());
    }

    /** An independent environment holding a copy of this one's <em>current</em> state. */
    public TauEnvironment fork() {
        return create(db.fork());
    }
}
