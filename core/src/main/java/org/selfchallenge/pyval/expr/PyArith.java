package org.selfchallenge.pyval.expr;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.PyMath;
import org.selfchallenge.pyval.PyTuple;
import org.selfchallenge.pyval.WorkBudget;

/**
 * Python's binary and unary arithmetic on int (Long/BigInteger, bool counts as int), float (Double),
 * str, list and tuple: int op int stays int except {@code /}; any float makes a float; {@code //} and
 * {@code %} floor toward -inf with CPython's float_divmod rules; {@code int ** negative} is a float.
 * Complex operands go to {@link PyComplexMath}. Results larger than {@link #MAX_RESULT_BITS} raise
 * MemoryError instead of exhausting the JVM.
 */
public final class PyArith {
    /** Cap on the size of int results and sequence repetitions (CPython would try and stall). */
    public static final long MAX_RESULT_BITS = 1L << 20;

    private PyArith() {
    }

    public static Object binary(String op, Object a, Object b) {
        boolean complex = a instanceof PyComplex || b instanceof PyComplex;
        if (complex && (PyOps.isReal(a) || a instanceof PyComplex) && (PyOps.isReal(b) || b instanceof PyComplex)) {
            return PyComplexMath.binary(op, a, b);
        }
        if (op.equals("**") && PyOps.isReal(a) && b instanceof Double e && Double.isFinite(e) && e != Math.floor(e)
                && PyNumbers.toDouble(a) < 0) {
            // a negative base to a fractional power: CPython's float_pow hands over to complex_pow
            return PyComplexMath.binary(op, a, b);
        }
        if (PyOps.isReal(a) && PyOps.isReal(b)) {
            switch (op) {
                case "+":
                    return PyMath.add(a, b);
                case "-":
                    return PyMath.sub(a, b);
                case "*":
                    return PyMath.mul(a, b);
                case "/":
                    return PyMath.truediv(a, b);
                case "//":
                    return PyMath.floordiv(a, b);
                case "**":
                    return PyMath.pow(a, b);
                default:
                    if (!(a instanceof Double) && !(b instanceof Double)) {
                        return intOp(op, PyNumbers.big(a), PyNumbers.big(b));
                    }
                    return floatOp(op, PyNumbers.toDouble(a), PyNumbers.toDouble(b));
            }
        }
        switch (op) {
            case "+" -> {
                if (a instanceof String sa && b instanceof String sb) {
                    sized((long) sa.length() + sb.length());
                    return sa + sb;
                }
                if (a instanceof List && b instanceof List) {
                    sized((long) PyOps.sequenceItems(a).size() + PyOps.sequenceItems(b).size());
                    List<Object> r = new ArrayList<>(PyOps.sequenceItems(a));
                    r.addAll(PyOps.sequenceItems(b));
                    return r;
                }
                if (a instanceof PyTuple ta && b instanceof PyTuple tb) {
                    sized((long) ta.items().size() + tb.items().size());
                    List<Object> r = new ArrayList<>(ta.items());
                    r.addAll(tb.items());
                    return new PyTuple(r);
                }
                if (a instanceof String || a instanceof List || a instanceof PyTuple) {
                    String t = PyOps.typeName(a);
                    throw new PyException("TypeError", "can only concatenate " + t + " (not \"" + PyOps.typeName(b)
                            + "\") to " + t);
                }
            }
            case "*" -> {
                if (isSeq(a) && isIndex(b)) {
                    return repeat(a, b);
                }
                if (isIndex(a) && isSeq(b)) {
                    return repeat(b, a);
                }
                if (isSeq(a) || isSeq(b)) {
                    throw new PyException("TypeError", "can't multiply sequence by non-int of type '"
                            + PyOps.typeName(isSeq(a) ? b : a) + "'");
                }
            }
            default -> { }
        }
        throw new PyException("TypeError", "unsupported operand type(s) for " + op + ": '" + PyOps.typeName(a) + "' and '"
                + PyOps.typeName(b) + "'");
    }

    private static boolean isSeq(Object o) {
        return o instanceof String || o instanceof List || o instanceof PyTuple;
    }

    private static boolean isIndex(Object o) {
        return o instanceof Boolean || PyNumbers.isInt(o);
    }

    private static Object repeat(Object seq, Object times) {
        BigInteger t = PyNumbers.big(times);
        if (t.bitLength() > 63) {
            throw new PyException("OverflowError", "cannot fit 'int' into an index-sized integer");
        }
        long n = Math.max(0, t.longValue());
        long len = seq instanceof String s ? s.length() : PyOps.sequenceItems(seq).size();
        if (len != 0 && n > MAX_RESULT_BITS / len) {
            throw new PyException("MemoryError", "");
        }
        sized(n * len);
        if (seq instanceof String s) {
            return s.repeat((int) n);
        }
        List<Object> r = new ArrayList<>();
        for (long k = 0; k < n; k++) {
            r.addAll(PyOps.sequenceItems(seq));
        }
        return seq instanceof PyTuple ? new PyTuple(r) : r;
    }

    /**
     * Charges a str/list/tuple result of {@code n} elements to the {@link WorkBudget}; above the
     * repetition cap it is a MemoryError (a chain of megabyte concatenations would copy terabytes:
     * CPython stalls on it too, the JVM would run out of heap).
     */
    private static void sized(long n) {
        if (n > MAX_RESULT_BITS) {
            throw new PyException("MemoryError", "");
        }
        WorkBudget.charge(n);
    }

    private static Object intOp(String op, BigInteger a, BigInteger b) {
        switch (op) {
            case "%": {
                if (b.signum() == 0) {
                    throw new PyException("ZeroDivisionError", "integer division or modulo by zero");
                }
                BigInteger[] qr = a.divideAndRemainder(b);
                if (qr[1].signum() != 0 && qr[1].signum() != b.signum()) {
                    qr[0] = qr[0].subtract(BigInteger.ONE);
                    qr[1] = qr[1].add(b);
                }
                return PyNumbers.normalize(qr[1]);
            }
            case "<<":
            case ">>": {
                if (b.signum() < 0) {
                    throw new PyException("ValueError", "negative shift count");
                }
                if (op.equals(">>")) {
                    return PyNumbers.normalize(b.bitLength() > 31 ? (a.signum() < 0 ? BigInteger.ONE.negate() : BigInteger.ZERO) : a.shiftRight(b.intValue()));
                }
                if (a.signum() == 0) {
                    return 0L;
                }
                if (b.bitLength() > 31 || a.bitLength() + b.longValue() > MAX_RESULT_BITS) {
                    throw new PyException("MemoryError", "");
                }
                return PyNumbers.normalize(a.shiftLeft(b.intValue()));
            }
            case "&":
                return PyNumbers.normalize(a.and(b));
            case "|":
                return PyNumbers.normalize(a.or(b));
            case "^":
                return PyNumbers.normalize(a.xor(b));
            default:
                throw new PyException("TypeError", "unsupported operand type(s) for " + op + ": 'int' and 'int'");
        }
    }

    private static Object floatOp(String op, double a, double b) {
        switch (op) {
            case "%": {
                if (b == 0.0) {
                    throw new PyException("ZeroDivisionError", "float modulo");
                }
                double mod = a % b; // Java's % on doubles is C fmod
                if (mod != 0.0) {
                    if ((b < 0) != (mod < 0)) {
                        mod += b;
                    }
                } else {
                    mod = Math.copySign(0.0, b);
                }
                return mod;
            }
            default:
                throw new PyException("TypeError", "unsupported operand type(s) for " + op + ": 'float' and 'float'");
        }
    }

    /** Python unary {@code -x}, {@code +x}, {@code ~x}. */
    public static Object unary(String op, Object v) {
        if (op.equals("~")) {
            if (v instanceof Boolean || PyNumbers.isInt(v)) {
                return PyNumbers.normalize(PyNumbers.big(v).not());
            }
        } else if (v instanceof Double d) {
            return op.equals("-") ? -d : d;
        } else if (v instanceof Boolean || PyNumbers.isInt(v)) {
            BigInteger x = PyNumbers.big(v);
            return PyNumbers.normalize(op.equals("-") ? x.negate() : x);
        } else if (v instanceof PyComplex c) {
            return op.equals("-") ? new PyComplex(-c.real(), -c.imag()) : c;
        }
        throw new PyException("TypeError", "bad operand type for unary " + op + ": '" + PyOps.typeName(v) + "'");
    }
}
