package org.selfchallenge.env;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registry of the benchmark environments by name. Each is loaded once per JVM, by reflection (so
 * that environments can live in separately developed packages), from a class with
 * {@code public static Environment load()}.
 */
public final class Environments {
    private Environments() {
    }

    /** name → implementing class, in the order shown to users. */
    public static final Map<String, String> CLASSES;

    static {
        LinkedHashMap<String, String> m = new LinkedHashMap<>();
        m.put("retail", "org.selfchallenge.env.retail.RetailEnvironment");
        m.put("airline", "org.selfchallenge.env.airline.AirlineEnvironment");
        m.put("calculation", "org.selfchallenge.env.calculation.CalculationEnvironment");
        m.put("web", "org.selfchallenge.env.web.WebEnvironment");
        CLASSES = java.util.Collections.unmodifiableMap(m);
    }

    private static final ConcurrentHashMap<String, Environment> PROTOTYPES = new ConcurrentHashMap<>();

    /**
     * The environment named {@code name} in its initial state: a {@link Environment#fresh()} copy of
     * the cached prototype, so callers may use it freely (microseconds after the first call).
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the valid ones)
     * @throws IllegalStateException    if the environment's class is not in this build or fails to load
     */
    public static Environment load(String name) {
        return prototype(name).fresh();
    }

    /** The cached prototype itself. Do not call tools on it: it is shared by the whole JVM. */
    public static Environment prototype(String name) {
        String cls = CLASSES.get(name);
        if (cls == null) {
            throw new IllegalArgumentException("unknown environment '" + name + "'; valid: "
                    + String.join(", ", CLASSES.keySet()));
        }
        return PROTOTYPES.computeIfAbsent(name, n -> instantiate(n, cls));
    }

    /** The {@link Environment#kind()} of the environment named {@code name} (loads its prototype once). */
    public static Environment.Kind kind(String name) {
        return prototype(name).kind();
    }

    /** True if the environment's class is present in this build. */
    public static boolean isAvailable(String name) {
        String cls = CLASSES.get(name);
        if (cls == null) {
            return false;
        }
        try {
            Class.forName(cls);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Environment instantiate(String name, String cls) {
        Method load;
        try {
            load = Class.forName(cls).getMethod("load");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("environment '" + name + "' is not available in this build ("
                    + cls + " not found)", e);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(cls + " has no public static load() method", e);
        }
        try {
            Object env = load.invoke(null);
            if (!(env instanceof Environment)) {
                throw new IllegalStateException(cls + ".load() returned " + env + ", not an Environment");
            }
            return (Environment) env;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(cls + ".load() is not accessible", e);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            throw new IllegalStateException("loading environment '" + name + "' failed: " + c, c);
        }
    }
}
