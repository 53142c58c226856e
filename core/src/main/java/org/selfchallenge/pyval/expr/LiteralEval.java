package org.selfchallenge.pyval.expr;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.PyTuple;

/**
 * {@code ast.literal_eval(str)} of Python 3.9–3.11: the source is {@code lstrip(" \t")}-ed and parsed in
 * eval mode; the result may only be built from constants (numbers, str, bytes, True/False/None,
 * Ellipsis), tuples, lists, sets, dicts, {@code set()}, a sign applied to a number, and
 * {@code <real> ± <imaginary>}. Anything else raises ValueError ("malformed node or string"), a
 * source that does not parse raises SyntaxError, unhashable set members or dict keys raise TypeError.
 *
 * <p>Values: tuple → {@link PyTuple}, list → {@link ArrayList}, dict → {@link LinkedHashMap} (keys
 * compared with Python equality, so {@code {1: 'a', 1.0: 'b'}} is {@code {1: 'b'}}), set → {@link PySet},
 * complex → {@link PyComplex}, bytes → {@link PyBytes}.
 */
public final class LiteralEval {
    private LiteralEval() {
    }

    public static Object eval(String source) {
        return convert(PyParser.parseExpression(PyParser.stripLeading(source)));
    }

    private static Object convert(PyNode node) {
        if (node instanceof PyNode.Const c) {
            return c.value();
        }
        if (node instanceof PyNode.TupleN t) {
            return new PyTuple(convertAll(t.elts()));
        }
        if (node instanceof PyNode.ListN l) {
            return convertAll(l.elts());
        }
        if (node instanceof PyNode.SetN s) {
            return new PySet(PyKeys.distinct(convertAll(s.elts())));
        }
        if (node instanceof PyNode.Call call && call.func() instanceof PyNode.Name n && n.id().equals("set")
                && call.args().isEmpty() && call.keywords().isEmpty()) {
            return new PySet(List.of());
        }
        if (node instanceof PyNode.DictN d) {
            PyKeys.DictBuilder m = new PyKeys.DictBuilder();
            for (int k = 0; k < d.keys().size(); k++) {
                if (d.keys().get(k) == null) {
                    throw malformed();
                }
                Object key = convert(d.keys().get(k));
                m.put(key, convert(d.values().get(k)));
            }
            return m.build();
        }
        if (node instanceof PyNode.Binary b && (b.op().equals("+") || b.op().equals("-"))) {
            Object left = convertSignedNum(b.left());
            Object right = convertNum(b.right());
            if (!(left instanceof PyComplex) && right instanceof PyComplex rc) {
                double l = PyNumbers.toDouble(left);
                return b.op().equals("+") ? new PyComplex(l + rc.real(), rc.imag())
                        : new PyComplex(l - rc.real(), -rc.imag());
            }
        }
        return convertSignedNum(node);
    }

    private static List<Object> convertAll(List<PyNode> nodes) {
        List<Object> out = new ArrayList<>(nodes.size());
        for (PyNode n : nodes) {
            out.add(convert(n));
        }
        return out;
    }

    private static Object convertSignedNum(PyNode node) {
        if (node instanceof PyNode.Unary u && (u.op().equals("+") || u.op().equals("-"))) {
            Object v = convertNum(u.operand());
            if (u.op().equals("+")) {
                return v;
            }
            if (v instanceof Long l) {
                return l == Long.MIN_VALUE ? BigInteger.valueOf(l).negate() : (Object) (-l);
            }
            if (v instanceof BigInteger bi) {
                return PyNumbers.normalize(bi.negate());
            }
            if (v instanceof Double d) {
                return -d;
            }
            PyComplex c = (PyComplex) v;
            return new PyComplex(-c.real(), -c.imag());
        }
        return convertNum(node);
    }

    private static Object convertNum(PyNode node) {
        if (node instanceof PyNode.Const c && (c.value() instanceof Long || c.value() instanceof BigInteger
                || c.value() instanceof Double || c.value() instanceof PyComplex)) {
            return c.value();
        }
        throw malformed();
    }

    private static PyException malformed() {
        return new PyException("ValueError", "malformed node or string");
    }
}
