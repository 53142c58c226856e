package org.selfchallenge.pyval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Small Python built-ins the ported τ-bench tools apply to their data and arguments, with CPython's errors
 * for wrongly typed values. The expression evaluator's comparison and type rules are
 * {@link org.selfchallenge.pyval.expr.PyOps}.
 */
public final class PyToolOps {
    private PyToolOps() {
    }

    /** {@code list(x)} for iteration: a list as is, a str as its characters (as Python iterates it). */
    @SuppressWarnings("unchecked")
    public static List<Object> iterable(Object v) {
        if (v instanceof List) {
            return (List<Object>) v;
        }
        if (v instanceof PyTuple) {
            return ((PyTuple) v).items();
        }
        if (v instanceof String) {
            String s = (String) v;
            List<Object> out = new ArrayList<>(s.length());
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            return out;
        }
        if (v instanceof Map) {
            return new ArrayList<>(((Map<Object, Object>) v).keySet());
        }
        throw new PyException("TypeError", "'" + PyRepr.typeName(v) + "' object is not iterable");
    }

    /** {@code x.lower()}. */
    public static String lower(Object v) {
        if (!(v instanceof String)) {
            throw new PyException("AttributeError", "'" + PyRepr.typeName(v) + "' object has no attribute 'lower'");
        }
        return ((String) v).toLowerCase(Locale.ROOT);
    }

    /** {@code needle in haystack} for a str haystack. */
    public static boolean contains(Object haystack, String needle) {
        if (haystack instanceof String) {
            return ((String) haystack).contains(needle);
        }
        if (haystack instanceof List) {
            return ((List<?>) haystack).contains(needle);
        }
        if (haystack instanceof Map) {
            return ((Map<?, ?>) haystack).containsKey(needle);
        }
        throw new PyException("TypeError", "argument of type '" + PyRepr.typeName(haystack) + "' is not iterable");
    }

    /** Python truthiness. */
    public static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof Double) {
            return (Double) v != 0.0;
        }
        if (PyMath.isInt(v)) {
            return PyMath.compare(v, 0L) != 0;
        }
        if (v instanceof String) {
            return !((String) v).isEmpty();
        }
        if (v instanceof List) {
            return !((List<?>) v).isEmpty();
        }
        if (v instanceof Map) {
            return !((Map<?, ?>) v).isEmpty();
        }
        if (v instanceof PyTuple) {
            return !((PyTuple) v).items().isEmpty();
        }
        return true;
    }

    /** {@code lst.count(x)} with Python equality. */
    public static int count(List<Object> lst, Object x) {
        int n = 0;
        for (Object o : lst) {
            if (PyMath.pyEquals(o, x)) {
                n++;
            }
        }
        return n;
    }

    /** {@code sorted(xs)} for str or number elements (code-point order for str). */
    public static List<Object> sorted(List<Object> xs) {
        ArrayList<Object> out = new ArrayList<>(xs);
        out.sort(PyHash::comparePy);
        return out;
    }

    /** {@code d[k]} on a dict, raising KeyError. */
    @SuppressWarnings("unchecked")
    public static Object getItem(Object container, Object key) {
        if (container instanceof Map) {
            Map<Object, Object> m = (Map<Object, Object>) container;
            Object v = m.get(key);
            if (v == null && !m.containsKey(key)) {
                throw PyException.keyError(key);
            }
            return v;
        }
        if (container instanceof List && key instanceof Long) {
            List<Object> l = (List<Object>) container;
            long i = (Long) key;
            if (i < 0) {
                i += l.size();
            }
            if (i < 0 || i >= l.size()) {
                throw new PyException("IndexError", "list index out of range");
            }
            return l.get((int) i);
        }
        throw new PyException("TypeError", "'" + PyRepr.typeName(container) + "' object is not subscriptable");
    }

    /** {@code d[k]} where d must be a dict, cast for further indexing. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> dict(Object container, Object key) {
        return (Map<String, Object>) getItem(container, key);
    }
}
