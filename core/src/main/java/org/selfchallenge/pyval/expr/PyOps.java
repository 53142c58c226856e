package org.selfchallenge.pyval.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.PyTuple;
import org.selfchallenge.pyval.WorkBudget;

/**
 * Python's comparison and type semantics over Java-held Python values (see
 * {@link org.selfchallenge.env.Environment} for the mapping): {@code ==} across int/float/bool compares
 * exactly, {@code <} between unrelated types raises the CPython TypeError text, sequences compare
 * lexicographically, str by code point.
 */
public final class PyOps {
    private PyOps() {
    }

    /** Python {@code type(o).__name__}. */
    public static String typeName(Object o) {
        if (o == null) {
            return "NoneType";
        }
        if (o instanceof Boolean) {
            return "bool";
        }
        if (PyNumbers.isInt(o)) {
            return "int";
        }
        if (o instanceof Double || o instanceof Float) {
            return "float";
        }
        if (o instanceof String) {
            return "str";
        }
        if (o instanceof List) {
            return "list";
        }
        if (o instanceof PyTuple) {
            return "tuple";
        }
        if (o instanceof Map) {
            return "dict";
        }
        if (o instanceof PySet) {
            return "set";
        }
        if (o instanceof PyComplex) {
            return "complex";
        }
        if (o instanceof PyBytes) {
            return "bytes";
        }
        if (o instanceof PyEllipsis) {
            return "ellipsis";
        }
        if (o instanceof PyFunction f) {
            return f.pythonTypeName();
        }
        return "object";
    }

    /** int, bool or float (not complex). */
    public static boolean isReal(Object o) {
        return o instanceof Boolean || PyNumbers.isInt(o) || o instanceof Double;
    }

    /** Elements of a list or tuple, else null. */
    public static List<Object> sequenceItems(Object o) {
        if (o instanceof PyTuple t) {
            return t.items();
        }
        if (o instanceof List<?> l) {
            @SuppressWarnings("unchecked")
            List<Object> lo = (List<Object>) l;
            return lo;
        }
        return null;
    }

    public static void requireHashable(Object o) {
        if (o instanceof List || o instanceof Map || o instanceof PySet) {
            throw new PyException("TypeError", "unhashable type: '" + typeName(o) + "'");
        }
        if (o instanceof PyTuple t) {
            t.items().forEach(PyOps::requireHashable);
        }
    }

    /** Python {@code a == b}. */
    public static boolean eq(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (isReal(a) && isReal(b)) {
            Integer c = compareReal(a, b);
            return c != null && c == 0;
        }
        if (a instanceof PyComplex || b instanceof PyComplex) {
            PyComplex ca = asComplex(a);
            PyComplex cb = asComplex(b);
            return ca != null && cb != null && ca.real() == cb.real() && ca.imag() == cb.imag();
        }
        if (a instanceof List && b instanceof List || a instanceof PyTuple && b instanceof PyTuple) {
            List<Object> la = sequenceItems(a);
            List<Object> lb = sequenceItems(b);
            if (la.size() != lb.size()) {
                return false;
            }
            for (int k = 0; k < la.size(); k++) {
                if (!eq(la.get(k), lb.get(k))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            return PyKeys.dictsEqual(ma, mb);
        }
        if (a instanceof PySet sa && b instanceof PySet sb) {
            return PyKeys.setsEqual(sa.items(), sb.items());
        }
        if (a instanceof String sa && b instanceof String sb) {
            WorkBudget.charge(Math.min(sa.length(), sb.length()) / 64);
        }
        return a.equals(b);
    }

    /**
     * {@code sub in s} in linear time. Java's {@link String#contains} compares at every offset (a 50k
     * needle in a 1M haystack took 16 s), CPython's fastsearch does not; long needles use Knuth-Morris-Pratt.
     */
    public static boolean strContains(String s, String sub) {
        WorkBudget.charge((s.length() + sub.length()) / 64);
        if (sub.length() <= 16) {
            return s.contains(sub);
        }
        int[] fail = new int[sub.length()];
        for (int i = 1, k = 0; i < sub.length(); i++) {
            while (k > 0 && sub.charAt(i) != sub.charAt(k)) {
                k = fail[k - 1];
            }
            if (sub.charAt(i) == sub.charAt(k)) {
                k++;
            }
            fail[i] = k;
        }
        for (int i = 0, k = 0; i < s.length(); i++) {
            while (k > 0 && s.charAt(i) != sub.charAt(k)) {
                k = fail[k - 1];
            }
            if (s.charAt(i) == sub.charAt(k) && ++k == sub.length()) {
                return true;
            }
        }
        return false;
    }

    private static PyComplex asComplex(Object o) {
        if (o instanceof PyComplex c) {
            return c;
        }
        return isReal(o) ? new PyComplex(PyNumbers.toDouble(o), 0.0) : null;
    }

    /** Exact comparison of two real numbers; null when unordered (NaN involved). */
    public static Integer compareReal(Object a, Object b) {
        if (!(a instanceof Double) && !(b instanceof Double)) {
            return PyNumbers.big(a).compareTo(PyNumbers.big(b));
        }
        if (a instanceof Double da && b instanceof Double db) {
            if (Double.isNaN(da) || Double.isNaN(db)) {
                return null;
            }
            return da < db ? -1 : da > db ? 1 : 0;
        }
        boolean flip = !(a instanceof Double);
        double d = (Double) (flip ? b : a);
        BigInteger n = PyNumbers.big(flip ? a : b);
        int c;
        if (Double.isNaN(d)) {
            return null;
        } else if (Double.isInfinite(d)) {
            c = d > 0 ? 1 : -1;
        } else {
            c = new BigDecimal(d).compareTo(new BigDecimal(n));
        }
        return flip ? -c : c;
    }

    /** Python rich comparison {@code a op b} for op in {@code < <= > >=}. */
    public static boolean compare(Object a, Object b, String op) {
        if (isReal(a) && isReal(b)) {
            Integer c = compareReal(a, b);
            return c != null && test(c, op);
        }
        if (a instanceof String sa && b instanceof String sb) {
            return test(compareCodePoints(sa, sb), op);
        }
        if (a instanceof List && b instanceof List || a instanceof PyTuple && b instanceof PyTuple) {
            List<Object> la = sequenceItems(a);
            List<Object> lb = sequenceItems(b);
            int n = Math.min(la.size(), lb.size());
            for (int k = 0; k < n; k++) {
                if (!eq(la.get(k), lb.get(k))) {
                    return compare(la.get(k), lb.get(k), op);
                }
            }
            return test(Integer.compare(la.size(), lb.size()), op);
        }
        throw new PyException("TypeError", "'" + op + "' not supported between instances of '" + typeName(a) + "' and '"
                + typeName(b) + "'");
    }

    private static boolean test(int c, String op) {
        return switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> throw new IllegalArgumentException(op);
        };
    }

    /** Code-point order, as Python compares str (UTF-16 order differs above U+FFFF). */
    public static int compareCodePoints(String a, String b) {
        WorkBudget.charge(Math.min(a.length(), b.length()) / 64);
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Python truthiness. */
    public static boolean truthy(Object o) {
        if (o == null) {
            return false;
        }
        if (o instanceof Boolean b) {
            return b;
        }
        if (isReal(o)) {
            return o instanceof Double d ? d != 0.0 : PyNumbers.big(o).signum() != 0;
        }
        if (o instanceof String s) {
            return !s.isEmpty();
        }
        if (o instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (o instanceof PySet s) {
            return !s.items().isEmpty();
        }
        if (o instanceof PyComplex c) {
            return c.real() != 0 || c.imag() != 0;
        }
        List<Object> seq = sequenceItems(o);
        return seq == null || !seq.isEmpty();
    }

    /** Python's iteration over a value: list/tuple items, str characters, dict keys, set items. */
    public static List<Object> iterate(Object o) {
        List<Object> seq = sequenceItems(o);
        if (seq != null) {
            return seq;
        }
        if (o instanceof String s) {
            return s.codePoints().mapToObj(cp -> (Object) new String(Character.toChars(cp))).toList();
        }
        if (o instanceof Map<?, ?> m) {
            return new java.util.ArrayList<>(m.keySet());
        }
        if (o instanceof PySet s) {
            return s.items();
        }
        throw new PyException("TypeError", "'" + typeName(o) + "' object is not iterable");
    }
}
