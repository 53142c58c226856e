package org.selfchallenge.env.airline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.PyHash;
import org.selfchallenge.pyval.PyMath;
import org.selfchallenge.pyval.PyRepr;
import org.selfchallenge.pyval.PyTuple;

/**
 * The Python dynamic-typing rules the airline tools rely on, beyond {@link PyMath} and
 * {@link org.selfchallenge.pyval.PyToolOps}: subscripting with each container's own error,
 * {@code in}, {@code len}, iteration, {@code sum}, list methods, and operator errors that name the
 * operator actually used ({@code +=}, {@code >}).
 *
 * <p>Why: arguments come from a language model, so {@code "2"} may arrive where upstream expects an
 * int. Upstream then raises inside the tool and the environment answers {@code "Error: {str(e)}"},
 * sometimes after part of the data was already changed. Emulating the operators, not only the happy
 * path, keeps both the observation text and the state hash identical (CPython 3.12 messages).
 */
final class AirlinePython {
    private AirlinePython() {
    }

    static PyException typeError(String message) {
        return new PyException("TypeError", message);
    }

    private static String typeName(Object v) {
        return PyRepr.typeName(v);
    }

    /** {@code str(x)}, as f-strings format values. */
    static String str(Object v) {
        return PyRepr.str(v);
    }

    private static void requireHashable(Object key) {
        if (key instanceof List || key instanceof Map) {
            throw typeError("unhashable type: '" + typeName(key) + "'");
        }
    }

    /** {@code key in d} for a dict with str keys: only an equal str can match; unhashables raise. */
    static boolean in(Map<String, ?> dict, Object key) {
        requireHashable(key);
        return key instanceof String s && dict.containsKey(s);
    }

    /** {@code container[key]} for a str key, raising as Python does for each container type. */
    static Object item(Object container, Object key) {
        if (container instanceof Map<?, ?> m) {
            requireHashable(key);
            if (key instanceof String s && m.containsKey(s)) {
                return m.get(s);
            }
            throw PyException.keyError(key);
        }
        if (container instanceof String) {
            throw typeError("string indices must be integers, not '" + typeName(key) + "'");
        }
        if (container instanceof List || container instanceof PyTuple) {
            if (!PyMath.isInt(key)) {
                throw typeError(typeName(container) + " indices must be integers or slices, not " + typeName(key));
            }
            List<?> items = container instanceof PyTuple t ? t.items() : (List<?>) container;
            long index = ((Number) PyMath.pos(key)).longValue();
            long resolved = index < 0 ? index + items.size() : index;
            if (resolved < 0 || resolved >= items.size()) {
                throw new PyException("IndexError", typeName(container) + " index out of range");
            }
            return items.get((int) resolved);
        }
        throw typeError("'" + typeName(container) + "' object is not subscriptable");
    }

    /** A value already known to be a dict. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> dict(Object v) {
        return (Map<String, Object>) v;
    }

    /** {@code len(x)}. */
    static long len(Object v) {
        if (v instanceof String s) {
            return s.codePointCount(0, s.length());
        }
        if (v instanceof List<?> l) {
            return l.size();
        }
        if (v instanceof PyTuple t) {
            return t.items().size();
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        throw typeError("object of type '" + typeName(v) + "' has no len()");
    }

    /** A snapshot of the elements {@code for x in v} visits: list items, str characters, dict keys. */
    static List<Object> iterate(Object v) {
        return new ArrayList<>(org.selfchallenge.pyval.PyToolOps.iterable(v));
    }

    // ---- operators ------------------------------------------------------------------------------

    private static PyException unsupported(String op, Object a, Object b) {
        return typeError("unsupported operand type(s) for " + op + ": '" + typeName(a) + "' and '"
                + typeName(b) + "'");
    }

    /** {@code a + b}; {@code op} is {@code "+"} or {@code "+="}, as it appears in the error. */
    static Object add(Object a, Object b, String op) {
        if (PyMath.isNumber(a) && PyMath.isNumber(b)) {
            return PyMath.add(a, b);
        }
        throw unsupported(op, a, b);
    }

    /** {@code a - b}; {@code op} is {@code "-"} or {@code "-="}. */
    static Object sub(Object a, Object b, String op) {
        if (PyMath.isNumber(a) && PyMath.isNumber(b)) {
            return PyMath.sub(a, b);
        }
        throw unsupported(op, a, b);
    }

    /** Cap on sequence repetition; the repeated value only ever feeds a {@code +=} that rejects it. */
    private static final long MAX_REPEAT = 1 << 16;

    /** {@code a * b}, including Python's sequence repetition ({@code 50 * "ab"}). */
    static Object mul(Object a, Object b) {
        if (PyMath.isNumber(a) && PyMath.isNumber(b)) {
            return PyMath.mul(a, b);
        }
        boolean intFirst = PyMath.isInt(a);
        Object seq = intFirst ? b : a;
        Object times = intFirst ? a : b;
        if (PyMath.isInt(times) && (seq instanceof String || seq instanceof List)) {
            long n = PyMath.compare(times, 0L) <= 0 ? 0
                    : PyMath.compare(times, MAX_REPEAT) > 0 ? MAX_REPEAT : ((Number) PyMath.pos(times)).longValue();
            if (seq instanceof String s) {
                return s.repeat((int) n);
            }
            List<Object> out = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                out.addAll((List<?>) seq);
            }
            return out;
        }
        throw unsupported("*", a, b);
    }

    /** Unary {@code -a}. */
    static Object neg(Object a) {
        return PyMath.neg(a);
    }

    private static int order(Object a, Object b, String op) {
        if (PyMath.isNumber(a) && PyMath.isNumber(b)) {
            return PyMath.lt(a, b) ? -1 : PyMath.gt(a, b) ? 1 : 0;
        }
        if (a instanceof String sa && b instanceof String sb) {
            return Integer.signum(PyHash.compareCodePoints(sa, sb));
        }
        throw typeError("'" + op + "' not supported between instances of '" + typeName(a) + "' and '"
                + typeName(b) + "'");
    }

    /** {@code a < b} (NaN compares false). */
    static boolean lt(Object a, Object b) {
        return order(a, b, "<") < 0;
    }

    /** {@code a > b} (NaN compares false). */
    static boolean gt(Object a, Object b) {
        return order(a, b, ">") > 0;
    }

    /** {@code a == b}: numbers by value across int/float/bool, containers element-wise. */
    static boolean eq(Object a, Object b) {
        if (PyMath.isNumber(a) && PyMath.isNumber(b)) {
            return PyMath.pyEquals(a, b);
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            return seqEq(la, lb);
        }
        if (a instanceof PyTuple ta && b instanceof PyTuple tb) {
            return seqEq(ta.items(), tb.items());
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !eq(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }

    private static boolean seqEq(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!eq(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code max(0, x)}: CPython evaluates {@code x > 0} and keeps the first argument unless true. */
    static Object maxZero(Object x) {
        return gt(x, 0L) ? x : (Object) 0L;
    }

    /** {@code x != 0}. */
    static boolean nonZero(Object v) {
        return !eq(v, 0L);
    }

    /**
     * Python 3.12+ {@code sum(iterable)} (start 0): exact int accumulation until the first non-int,
     * which is added generically; after a float, further floats are added with Neumaier compensation
     * and ints plainly, and the compensation is added once at the end. Python 3.11 and older add
     * floats plainly, so {@code sum([100.1, 200.2, 0.7])} is 301.0 here but 300.99999999999994 there.
     */
    static Object sum(List<Object> items) {
        Object result = 0L;
        int i = 0;
        while (i < items.size() && PyMath.isInt(items.get(i))) {
            result = PyMath.add(result, items.get(i));
            i++;
        }
        if (i == items.size()) {
            return result;
        }
        result = add(result, items.get(i), "+");
        i++;
        double f = (Double) result;
        double c = 0.0;
        for (; i < items.size(); i++) {
            Object item = items.get(i);
            if (item instanceof Double x) {
                double t = f + x;
                if (Math.abs(f) >= Math.abs(x)) {
                    c += (f - t) + x;
                } else {
                    c += (x - t) + f;
                }
                f = t;
            } else if (item instanceof Long || item instanceof Boolean) {
                f += PyMath.toDouble(item);
            } else {
                // CPython leaves the fast path here, dropping the pending compensation, and adds the
                // remaining items generically.
                Object generic = f;
                for (; i < items.size(); i++) {
                    generic = add(generic, items.get(i), "+");
                }
                return generic;
            }
        }
        if (c != 0.0 && Double.isFinite(c)) {
            f += c;
        }
        return f;
    }

    /** {@code lst.append(v)}; anything but a list has no such attribute. */
    @SuppressWarnings("unchecked")
    static void append(Object list, Object v) {
        if (!(list instanceof List)) {
            throw new PyException("AttributeError", "'" + typeName(list) + "' object has no attribute 'append'");
        }
        ((List<Object>) list).add(v);
    }

    /** {@code lst.extend(values)}. */
    @SuppressWarnings("unchecked")
    static void extend(Object list, List<Object> values) {
        if (!(list instanceof List)) {
            throw new PyException("AttributeError", "'" + typeName(list) + "' object has no attribute 'extend'");
        }
        ((List<Object>) list).addAll(values);
    }
}
