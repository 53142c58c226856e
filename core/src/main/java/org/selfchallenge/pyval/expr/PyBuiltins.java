package org.selfchallenge.pyval.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyException;

/**
 * The Python builtins the M3ToolEval tools and the calculator rely on ({@code min}, {@code max},
 * {@code sum}, {@code abs}, {@code round}, {@code pow}, {@code int}, {@code float}, {@code len},
 * {@code bool}, {@code divmod}), with CPython 3.11's results and exception texts.
 */
public final class PyBuiltins {
    private PyBuiltins() {
    }

    /** Name → builtin, for expression namespaces. */
    public static Map<String, PyFunction> all() {
        Map<String, PyFunction> m = new LinkedHashMap<>();
        m.put("abs", builtin((a, k) -> abs(one("abs", a, k))));
        m.put("round", builtin(PyBuiltins::round));
        m.put("min", builtin((a, k) -> minMax("min", a, k)));
        m.put("max", builtin((a, k) -> minMax("max", a, k)));
        m.put("sum", builtin(PyBuiltins::sumBuiltin));
        m.put("pow", builtin((a, k) -> {
            noKw("pow", k);
            if (a.size() != 2) {
                throw new PyException("TypeError", "pow expected 2 arguments, got " + a.size());
            }
            return PyArith.binary("**", a.get(0), a.get(1));
        }));
        m.put("int", builtin((a, k) -> a.isEmpty() && (k == null || k.isEmpty()) ? (Object) 0L : toInt(one("int", a, k))));
        m.put("float", builtin((a, k) -> a.isEmpty() && (k == null || k.isEmpty()) ? (Object) 0.0 : toFloat(one("float", a, k))));
        m.put("len", builtin((a, k) -> len(one("len", a, k))));
        m.put("bool", builtin((a, k) -> PyOps.truthy(one("bool", a, k))));
        m.put("divmod", builtin((a, k) -> {
            noKw("divmod", k);
            if (a.size() != 2) {
                throw new PyException("TypeError", "divmod expected 2 arguments, got " + a.size());
            }
            return org.selfchallenge.pyval.PyTuple.of(PyArith.binary("//", a.get(0), a.get(1)),
                    PyArith.binary("%", a.get(0), a.get(1)));
        }));
        // print() returns None; its output went to the tool server's stdout upstream, not to the model
        m.put("print", builtin((a, k) -> null));
        return m;
    }

    private static PyFunction builtin(PyFunction f) {
        return new PyFunction() {
            @Override
            public Object call(List<Object> args, Map<String, Object> kwargs) {
                return f.call(args, kwargs);
            }

            @Override
            public String pythonTypeName() {
                return "builtin_function_or_method";
            }
        };
    }

    private static void noKw(String name, Map<String, Object> k) {
        if (k != null && !k.isEmpty()) {
            throw new PyException("TypeError", name + "() takes no keyword arguments");
        }
    }

    private static Object one(String name, List<Object> a, Map<String, Object> k) {
        noKw(name, k);
        if (a.size() != 1) {
            throw new PyException("TypeError", name + "() takes exactly one argument (" + a.size() + " given)");
        }
        return a.get(0);
    }

    /**
     * Builtin {@code min}/{@code max}: one argument is iterated, several are compared; ties keep the
     * first; {@code key} and {@code default} keywords as CPython. Comparison is {@code item < best} for min
     * and {@code item > best} for max, so the TypeError names the types in that order.
     */
    public static Object minMax(String name, List<Object> args, Map<String, Object> kwargs) {
        Map<String, Object> kw = kwargs == null ? Map.of() : kwargs;
        for (String key : kw.keySet()) {
            if (!key.equals("key") && !key.equals("default")) {
                throw new PyException("TypeError", name + "() got an unexpected keyword argument '" + key + "'");
            }
        }
        if (args.isEmpty()) {
            throw new PyException("TypeError", name + " expected at least 1 argument, got 0");
        }
        if (args.size() > 1 && kw.containsKey("default")) {
            throw new PyException("TypeError", "Cannot specify a default for " + name + "() with multiple positional arguments");
        }
        List<Object> items = args.size() == 1 ? PyOps.iterate(args.get(0)) : args;
        Object keyFn = kw.get("key");
        if (items.isEmpty()) {
            if (kw.containsKey("default")) {
                return kw.get("default");
            }
            throw new PyException("ValueError", name + "() arg is an empty sequence");
        }
        String op = name.equals("min") ? "<" : ">";
        Object best = items.get(0);
        Object bestKey = key(keyFn, best);
        for (int i = 1; i < items.size(); i++) {
            Object k = key(keyFn, items.get(i));
            if (PyOps.compare(k, bestKey, op)) {
                best = items.get(i);
                bestKey = k;
            }
        }
        return best;
    }

    private static Object key(Object keyFn, Object item) {
        if (keyFn == null) {
            return item;
        }
        if (keyFn instanceof PyFunction f) {
            return f.call(List.of(item), Map.of());
        }
        throw new PyException("TypeError", "'" + PyOps.typeName(keyFn) + "' object is not callable");
    }

    private static Object sumBuiltin(List<Object> args, Map<String, Object> kwargs) {
        Map<String, Object> kw = kwargs == null ? Map.of() : kwargs;
        if (args.isEmpty()) {
            throw new PyException("TypeError", "sum() takes at least 1 positional argument (0 given)");
        }
        if (args.size() > 2) {
            throw new PyException("TypeError", "sum() takes at most 2 arguments (" + args.size() + " given)");
        }
        Object start = args.size() == 2 ? args.get(1) : kw.getOrDefault("start", 0L);
        return sum(PyOps.iterate(args.get(0)), start);
    }

    /** {@code sum(items, start)}: sequential left-to-right {@code +} (Python ≤ 3.11; 3.12 compensates floats). */
    public static Object sum(List<Object> items, Object start) {
        if (start instanceof String) {
            throw new PyException("TypeError", "sum() can't sum strings [use ''.join(seq) instead]");
        }
        if (start instanceof PyBytes) {
            throw new PyException("TypeError", "sum() can't sum bytes [use b''.join(seq) instead]");
        }
        Object acc = start;
        for (Object o : items) {
            acc = PyArith.binary("+", acc, o);
        }
        return acc;
    }

    public static Object abs(Object v) {
        if (v instanceof Double d) {
            return Math.abs(d);
        }
        if (v instanceof Boolean || PyNumbers.isInt(v)) {
            return PyNumbers.normalize(PyNumbers.big(v).abs());
        }
        if (v instanceof PyComplex c) {
            return Math.hypot(c.real(), c.imag());
        }
        throw new PyException("TypeError", "bad operand type for abs(): '" + PyOps.typeName(v) + "'");
    }

    /** {@code round(x[, ndigits])}: exact half-even on the binary value, like CPython's dtoa-based round. */
    private static Object round(List<Object> args, Map<String, Object> kwargs) {
        Map<String, Object> kw = kwargs == null ? Map.of() : kwargs;
        if (args.isEmpty() || args.size() > 2) {
            throw new PyException("TypeError", "round() takes at most 2 arguments (" + args.size() + " given)");
        }
        Object x = args.get(0);
        Object nd = args.size() == 2 ? args.get(1) : kw.get("ndigits");
        return round(x, nd);
    }

    public static Object round(Object x, Object ndigits) {
        if (ndigits != null && !(ndigits instanceof Boolean) && !PyNumbers.isInt(ndigits)) {
            throw new PyException("TypeError", "'" + PyOps.typeName(ndigits) + "' object cannot be interpreted as an integer");
        }
        if (x instanceof Boolean || PyNumbers.isInt(x)) {
            if (ndigits == null || PyNumbers.big(ndigits).signum() >= 0) {
                return PyNumbers.normalize(PyNumbers.big(x));
            }
            int n = PyNumbers.big(ndigits).max(java.math.BigInteger.valueOf(-100000)).intValue();
            return PyNumbers.normalize(new BigDecimal(PyNumbers.big(x)).setScale(n, RoundingMode.HALF_EVEN)
                    .toBigInteger());
        }
        if (!(x instanceof Double)) {
            throw new PyException("TypeError", "type " + PyOps.typeName(x) + " doesn't define __round__ method");
        }
        double d = (Double) x;
        if (ndigits == null) {
            if (Double.isNaN(d)) {
                throw new PyException("ValueError", "cannot convert float NaN to integer");
            }
            if (Double.isInfinite(d)) {
                throw new PyException("OverflowError", "cannot convert float infinity to integer");
            }
            return PyNumbers.normalize(new BigDecimal(d).setScale(0, RoundingMode.HALF_EVEN).toBigInteger());
        }
        if (!Double.isFinite(d) || d == 0.0) {
            return d;
        }
        java.math.BigInteger n = PyNumbers.big(ndigits);
        if (n.compareTo(java.math.BigInteger.valueOf(400)) > 0) {
            return d;
        }
        if (n.compareTo(java.math.BigInteger.valueOf(-400)) < 0) {
            return Math.copySign(0.0, d);
        }
        double r = new BigDecimal(d).setScale(n.intValue(), RoundingMode.HALF_EVEN).doubleValue();
        if (Double.isInfinite(r)) {
            throw new PyException("OverflowError", "rounded value too large to represent");
        }
        return r == 0.0 ? Math.copySign(0.0, d) : r;
    }

    public static Object toInt(Object v) {
        if (v instanceof String s) {
            return PyNumbers.parseInt(s);
        }
        if (v instanceof Double d) {
            return PyNumbers.truncate(d);
        }
        if (v instanceof Boolean || PyNumbers.isInt(v)) {
            return PyNumbers.normalize(PyNumbers.big(v));
        }
        throw new PyException("TypeError", "int() argument must be a string, a bytes-like object or a real number, not '"
                + PyOps.typeName(v) + "'");
    }

    public static Object toFloat(Object v) {
        if (v instanceof String s) {
            return PyNumbers.parseFloat(s);
        }
        if (PyOps.isReal(v)) {
            return PyNumbers.toDouble(v);
        }
        throw new PyException("TypeError", "float() argument must be a string or a real number, not '"
                + PyOps.typeName(v) + "'");
    }

    public static Object len(Object v) {
        if (v instanceof String s) {
            return (long) s.codePointCount(0, s.length());
        }
        if (v instanceof Map<?, ?> m) {
            return (long) m.size();
        }
        if (v instanceof PySet s) {
            return (long) s.items().size();
        }
        if (v instanceof PyBytes b) {
            return (long) b.data().length;
        }
        List<Object> seq = PyOps.sequenceItems(v);
        if (seq != null) {
            return (long) seq.size();
        }
        throw new PyException("TypeError", "object of type '" + PyOps.typeName(v) + "' has no len()");
    }
}
