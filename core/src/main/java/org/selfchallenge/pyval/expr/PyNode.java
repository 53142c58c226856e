package org.selfchallenge.pyval.expr;

import java.util.List;

/** The expression AST produced by {@link PyParser}: the subset of Python's {@code ast} we evaluate. */
public sealed interface PyNode {
    /** A literal: Long/BigInteger, Double, {@link PyComplex}, String, {@link PyBytes}, Boolean, null (None), {@link PyEllipsis}. */
    record Const(Object value) implements PyNode {
    }

    /** An f-string: parsed so that it is rejected the way {@code literal_eval} rejects it, never evaluated. */
    record JoinedStr(String raw) implements PyNode {
    }

    record Name(String id) implements PyNode {
    }

    record TupleN(List<PyNode> elts) implements PyNode {
    }

    record ListN(List<PyNode> elts) implements PyNode {
    }

    record SetN(List<PyNode> elts) implements PyNode {
    }

    /** A key of {@code null} means {@code **mapping} (which literal_eval rejects). */
    record DictN(List<PyNode> keys, List<PyNode> values) implements PyNode {
    }

    /** {@code op} is one of {@code + - ~ not}. */
    record Unary(String op, PyNode operand) implements PyNode {
    }

    /** {@code op} is one of {@code + - * / // % ** @ << >> & | ^}. */
    record Binary(String op, PyNode left, PyNode right) implements PyNode {
    }

    /** {@code op} is {@code and} or {@code or}. */
    record BoolOp(String op, List<PyNode> values) implements PyNode {
    }

    /** Chained comparison; ops among {@code < > <= >= == != in not-in is is-not}. */
    record Compare(PyNode left, List<String> ops, List<PyNode> comparators) implements PyNode {
    }

    record Keyword(String name, PyNode value) {
    }

    /** {@code *iterable} in a call's argument list. */
    record Starred(PyNode value) implements PyNode {
    }

    record Call(PyNode func, List<PyNode> args, List<Keyword> keywords) implements PyNode {
    }

    record IfExp(PyNode test, PyNode body, PyNode orElse) implements PyNode {
    }

    record Subscript(PyNode value, PyNode index) implements PyNode {
    }

    record Attribute(PyNode value, String attr) implements PyNode {
    }

    /** {@code lower:upper:step} inside a subscript; absent parts are null. */
    record Slice(PyNode lower, PyNode upper, PyNode step) implements PyNode {
    }
}
