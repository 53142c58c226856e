package org.selfchallenge.pyval.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.PyTuple;

/**
 * {@code eval(expression)} for the expression subset of {@link PyParser}, in a namespace of callables
 * (the builtins of {@link PyBuiltins} plus whatever the caller adds, e.g. a domain's tools). Used by the
 * M3ToolEval {@code calculator} tool, which upstream is a bare {@code eval}.
 *
 * <p>Not ported: attribute access, lambdas, comprehensions, str %-formatting, f-string
 * interpolation, {@code **kwargs} unpacking, builtins beyond {@link PyBuiltins} (e.g. {@code __import__}:
 * deliberately), and the module globals that upstream's {@code eval} would also see (e.g. loop variables
 * left in the web_browsing module). Checked against the original calculator on ~3.7k mutated
 * expressions (test resource {@code calculator_vectors.json}).
 * Such expressions raise a {@link PyException}, which the calculator reports as a failure.
 */
public final class PyEvaluator {
    private final Map<String, PyFunction> namespace;

    public PyEvaluator(Map<String, PyFunction> namespace) {
        this.namespace = namespace;
    }

    /** A namespace of the builtins plus {@code extra} (extra wins on a name clash, as module globals do). */
    public static Map<String, PyFunction> withBuiltins(Map<String, PyFunction> extra) {
        Map<String, PyFunction> m = new LinkedHashMap<>(PyBuiltins.all());
        m.putAll(extra);
        return m;
    }

    public Object eval(String source) {
        return eval(PyParser.parseExpression(PyParser.stripLeading(source)));
    }

    private Object eval(PyNode node) {
        if (node instanceof PyNode.Const c) {
            return c.value();
        }
        if (node instanceof PyNode.Name n) {
            PyFunction f = namespace.get(n.id());
            if (f == null) {
                throw new PyException("NameError", "name '" + n.id() + "' is not defined");
            }
            return f;
        }
        if (node instanceof PyNode.TupleN t) {
            return new PyTuple(evalAll(t.elts()));
        }
        if (node instanceof PyNode.ListN l) {
            return evalAll(l.elts());
        }
        if (node instanceof PyNode.SetN s) {
            return new PySet(PyKeys.distinct(evalAll(s.elts())));
        }
        if (node instanceof PyNode.DictN d) {
            PyKeys.DictBuilder m = new PyKeys.DictBuilder();
            for (int k = 0; k < d.keys().size(); k++) {
                if (d.keys().get(k) == null) {
                    throw new PyException("TypeError", "dict unpacking is not supported");
                }
                Object key = eval(d.keys().get(k));
                Object val = eval(d.values().get(k));
                m.put(key, val);
            }
            return m.build();
        }
        if (node instanceof PyNode.Unary u) {
            Object v = eval(u.operand());
            return u.op().equals("not") ? !PyOps.truthy(v) : PyArith.unary(u.op(), v);
        }
        if (node instanceof PyNode.Binary b) {
            Object l = eval(b.left());
            Object r = eval(b.right());
            return PyArith.binary(b.op(), l, r);
        }
        if (node instanceof PyNode.BoolOp b) {
            Object v = null;
            for (PyNode n : b.values()) {
                v = eval(n);
                if (PyOps.truthy(v) == b.op().equals("or")) {
                    return v;
                }
            }
            return v;
        }
        if (node instanceof PyNode.Compare c) {
            Object left = eval(c.left());
            for (int k = 0; k < c.ops().size(); k++) {
                Object right = eval(c.comparators().get(k));
                if (!compare(c.ops().get(k), left, right)) {
                    return false;
                }
                left = right;
            }
            return true;
        }
        if (node instanceof PyNode.IfExp e) {
            return PyOps.truthy(eval(e.test())) ? eval(e.body()) : eval(e.orElse());
        }
        if (node instanceof PyNode.Call c) {
            Object f = eval(c.func());
            List<Object> args = new ArrayList<>();
            for (PyNode a : c.args()) {
                if (a instanceof PyNode.Starred st) {
                    args.addAll(PyOps.iterate(eval(st.value())));
                } else {
                    args.add(eval(a));
                }
            }
            Map<String, Object> kw = new LinkedHashMap<>();
            for (PyNode.Keyword k : c.keywords()) {
                if (kw.put(k.name(), eval(k.value())) != null) {
                    throw new PyException("SyntaxError", "keyword argument repeated: " + k.name());
                }
            }
            if (!(f instanceof PyFunction fn)) {
                throw new PyException("TypeError", "'" + PyOps.typeName(f) + "' object is not callable");
            }
            return fn.call(args, kw);
        }
        if (node instanceof PyNode.Subscript s) {
            Object value = eval(s.value());
            if (s.index() instanceof PyNode.Slice sl) {
                return slice(value, evalOrNull(sl.lower()), evalOrNull(sl.upper()), evalOrNull(sl.step()));
            }
            return subscript(value, eval(s.index()));
        }
        if (node instanceof PyNode.Attribute a) {
            Object v = eval(a.value());
            throw new PyException("AttributeError", "'" + PyOps.typeName(v) + "' object has no attribute '" + a.attr() + "'");
        }
        throw new PyException("SyntaxError", "f-strings are not supported");
    }

    private Object evalOrNull(PyNode n) {
        return n == null ? null : eval(n);
    }

    /** {@code v[lower:upper:step]} for str, list and tuple (CPython's PySlice_AdjustIndices). */
    private static Object slice(Object v, Object lower, Object upper, Object step) {
        if (v instanceof Map) {
            throw new PyException("TypeError", "unhashable type: 'slice'");
        }
        List<Object> items = v instanceof String ? PyOps.iterate(v) : PyOps.sequenceItems(v);
        if (items == null) {
            throw new PyException("TypeError", "'" + PyOps.typeName(v) + "' object is not subscriptable");
        }
        long len = items.size();
        long st = step == null ? 1 : sliceIndex(step);
        if (st == 0) {
            throw new PyException("ValueError", "slice step cannot be zero");
        }
        long lo = st < 0 ? -1 : 0;
        long hi = st < 0 ? len - 1 : len;
        long start = lower == null ? (st < 0 ? hi : lo) : clamp(sliceIndex(lower), len, lo, hi);
        long stop = upper == null ? (st < 0 ? lo : hi) : clamp(sliceIndex(upper), len, lo, hi);
        List<Object> out = new ArrayList<>();
        for (long k = start; st > 0 ? k < stop : k > stop; k += st) {
            out.add(items.get((int) k));
        }
        if (v instanceof String) {
            StringBuilder sb = new StringBuilder();
            out.forEach(x -> sb.append((String) x));
            return sb.toString();
        }
        return v instanceof PyTuple ? new PyTuple(out) : out;
    }

    private static long clamp(long i, long len, long lo, long hi) {
        if (i < 0) {
            i += len;
        }
        return i < lo ? lo : Math.min(i, hi);
    }

    private static long sliceIndex(Object o) {
        if (o instanceof Boolean || PyNumbers.isInt(o)) {
            java.math.BigInteger b = PyNumbers.big(o);
            return b.max(java.math.BigInteger.valueOf(Long.MIN_VALUE / 4)).min(java.math.BigInteger.valueOf(Long.MAX_VALUE / 4)).longValue();
        }
        throw new PyException("TypeError", "slice indices must be integers or None or have an __index__ method");
    }

    private List<Object> evalAll(List<PyNode> nodes) {
        List<Object> out = new ArrayList<>(nodes.size());
        for (PyNode n : nodes) {
            out.add(eval(n));
        }
        return out;
    }

    private static boolean compare(String op, Object a, Object b) {
        return switch (op) {
            case "==" -> PyOps.eq(a, b);
            case "!=" -> !PyOps.eq(a, b);
            case "in" -> contains(b, a);
            case "not in" -> !contains(b, a);
            case "is" -> a == b || (a == null && b == null) || (a instanceof Boolean && a.equals(b));
            case "is not" -> !(a == b || (a == null && b == null) || (a instanceof Boolean && a.equals(b)));
            default -> PyOps.compare(a, b, op);
        };
    }

    private static boolean contains(Object container, Object item) {
        if (container instanceof String s) {
            if (!(item instanceof String sub)) {
                throw new PyException("TypeError", "'in <string>' requires string as left operand, not " + PyOps.typeName(item));
            }
            return PyOps.strContains(s, sub);
        }
        if (container instanceof Map || container instanceof PySet) {
            PyOps.requireHashable(item);
        }
        return PyOps.iterate(container).stream().anyMatch(x -> PyOps.eq(x, item));
    }

    private static Object subscript(Object v, Object index) {
        if (v instanceof Map<?, ?> m) {
            PyOps.requireHashable(index);
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (PyOps.eq(e.getKey(), index)) {
                    return e.getValue();
                }
            }
            throw new PyException("KeyError", String.valueOf(index));
        }
        List<Object> items = v instanceof String ? PyOps.iterate(v) : PyOps.sequenceItems(v);
        if (items == null) {
            throw new PyException("TypeError", "'" + PyOps.typeName(v) + "' object is not subscriptable");
        }
        if (!(index instanceof Boolean) && !PyNumbers.isInt(index)) {
            throw new PyException("TypeError", PyOps.typeName(v) + " indices must be integers or slices, not " + PyOps.typeName(index));
        }
        long i = PyNumbers.big(index).max(java.math.BigInteger.valueOf(Long.MIN_VALUE / 2))
                .min(java.math.BigInteger.valueOf(Long.MAX_VALUE / 2)).longValue();
        if (i < 0) {
            i += items.size();
        }
        if (i < 0 || i >= items.size()) {
            throw new PyException("IndexError", PyOps.typeName(v) + " index out of range");
        }
        return items.get((int) i);
    }
}
