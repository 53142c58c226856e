package org.selfchallenge.pyval.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyTuple;
import org.selfchallenge.pyval.WorkBudget;

/**
 * Hash keys for Python's hashable values: {@code key(a).equals(key(b))} exactly when {@link PyOps#eq}
 * holds, so sets and dicts are built in linear time as CPython builds them (a 30k-element set literal
 * took 11 s with pairwise comparisons).
 *
 * <p>Numbers that compare equal share one key ({@code 1 == 1.0 == True == (1+0j)}): an integral float is
 * keyed by its exact integer value. NaN (a float or a complex part) equals only itself in a container, as
 * in CPython's identity-first comparison, so it is keyed by identity. Tuples are keyed element-wise; other
 * values (str, bytes, Ellipsis, None, functions) by their own equals, which is what {@link PyOps#eq} uses.
 */
final class PyKeys {
    private PyKeys() {
    }

    private static final Object NONE = new Object();

    /** Wraps a value that equals only itself. */
    private record Identity(Object value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity i && i.value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }

    /** The key of a hashable value (callers check hashability first). */
    static Object key(Object v) {
        if (v == null) {
            return NONE;
        }
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (v instanceof Integer i) {
            return (long) i;
        }
        if (v instanceof Long || v instanceof BigInteger) {
            return v;
        }
        if (v instanceof Double d) {
            return real(d, v);
        }
        if (v instanceof PyComplex c) {
            if (Double.isNaN(c.real()) || Double.isNaN(c.imag())) {
                return new Identity(v);
            }
            // + 0.0 turns -0.0 into 0.0, which Python's == does not tell apart either
            return c.imag() == 0.0 ? real(c.real(), v) : new PyComplex(c.real() + 0.0, c.imag() + 0.0);
        }
        if (v instanceof PyTuple t) {
            WorkBudget.charge(t.items().size());
            List<Object> k = new ArrayList<>(t.items().size());
            for (Object o : t.items()) {
                k.add(key(o));
            }
            return k;
        }
        if (v instanceof String s) {
            WorkBudget.charge(s.length() / 64);
        }
        return v;
    }

    private static Object real(double d, Object original) {
        if (Double.isNaN(d)) {
            return new Identity(original);
        }
        if (Double.isInfinite(d) || d != Math.rint(d)) {
            return d + 0.0;
        }
        return PyNumbers.normalize(new BigDecimal(d).toBigIntegerExact());
    }

    /** The distinct items of a set display, first occurrence kept (CPython keeps the first of equal keys). */
    static List<Object> distinct(List<Object> items) {
        Map<Object, Object> seen = new LinkedHashMap<>();
        for (Object o : items) {
            PyOps.requireHashable(o);
            seen.putIfAbsent(key(o), o);
        }
        return new ArrayList<>(seen.values());
    }

    /**
     * A dict display being built: {@link #put} keeps the first of equal keys with the last value, as
     * CPython's dict does ({@code {1: 'a', 1.0: 'b'}} is {@code {1: 'b'}}).
     */
    static final class DictBuilder {
        private final Map<Object, Object> firstKey = new java.util.HashMap<>();
        private final Map<Object, Object> dict = new LinkedHashMap<>();

        void put(Object k, Object v) {
            PyOps.requireHashable(k);
            dict.put(firstKey.computeIfAbsent(key(k), x -> k), v);
        }

        Map<Object, Object> build() {
            return dict;
        }
    }

    /** {@code a == b} for two sets (same size, every item of one in the other). */
    static boolean setsEqual(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        java.util.Set<Object> kb = new java.util.HashSet<>();
        b.forEach(o -> kb.add(key(o)));
        for (Object o : a) {
            if (!kb.contains(key(o))) {
                return false;
            }
        }
        return true;
    }

    /** {@code a == b} for two dicts: same size, and each key of a maps to an equal value in b. */
    static boolean dictsEqual(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Map<Object, Object> byKey = new java.util.HashMap<>();
        b.forEach((k, v) -> byKey.put(key(k), v));
        for (Map.Entry<?, ?> e : a.entrySet()) {
            Object k = key(e.getKey());
            if (!byKey.containsKey(k) || !PyOps.eq(e.getValue(), byKey.get(k))) {
                return false;
            }
        }
        return true;
    }
}
