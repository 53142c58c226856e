package org.selfchallenge.pyval;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Python int/float arithmetic on Java values: int ({@link Long}, {@link BigInteger} when it does not
 * fit) op int stays int except {@code /}; any float operand makes a float; {@code bool} counts as int.
 * Comparisons between ints and floats are exact, as in CPython (no lossy int→float conversion).
 * Errors are thrown as {@link PyException} with CPython's type and message.
 */
public final class PyMath {
    private PyMath() {
    }

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** BigInteger that fits in a long becomes a Long (the canonical int representation). */
    public static Object normalize(BigInteger b) {
        if (b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0) {
            return b.longValue();
        }
        WorkBudget.chargeBits(b);
        return b;
    }

    public static boolean isInt(Object v) {
        return v instanceof Long || v instanceof BigInteger || v instanceof Integer || v instanceof Boolean;
    }

    public static boolean isNumber(Object v) {
        return isInt(v) || v instanceof Double;
    }

    static BigInteger big(Object v) {
        if (v instanceof BigInteger) {
            WorkBudget.chargeBits((BigInteger) v); // every big operand is read at least once
            return (BigInteger) v;
        }
        if (v instanceof Boolean) {
            return ((Boolean) v) ? BigInteger.ONE : BigInteger.ZERO;
        }
        return BigInteger.valueOf(((Number) v).longValue());
    }

    /** Bits of an int, at most 64 for one that fits a long (read without charging the budget). */
    private static int bitLength(Object v) {
        return v instanceof BigInteger b ? b.bitLength() : 64;
    }

    private static long asLong(Object v) {
        if (v instanceof Boolean) {
            return ((Boolean) v) ? 1 : 0;
        }
        return ((Number) v).longValue();
    }

    private static boolean isSmall(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Boolean;
    }

    /** {@code float(x)} for an int or float. */
    public static double toDouble(Object v) {
        if (v instanceof Double) {
            return (Double) v;
        }
        if (v instanceof BigInteger) {
            double d = ((BigInteger) v).doubleValue();
            if (Double.isInfinite(d)) {
                throw new PyException("OverflowError", "int too large to convert to float");
            }
            return d;
        }
        return asLong(v);
    }

    private static void requireNumbers(Object a, Object b, String op) {
        if (!isNumber(a) || !isNumber(b)) {
            throw new PyException("TypeError", "unsupported operand type(s) for " + op + ": '"
                    + PyRepr.typeName(a) + "' and '" + PyRepr.typeName(b) + "'");
        }
    }

    public static Object add(Object a, Object b) {
        requireNumbers(a, b, "+");
        if (a instanceof Double || b instanceof Double) {
            return toDouble(a) + toDouble(b);
        }
        if (isSmall(a) && isSmall(b)) {
            long x = asLong(a);
            long y = asLong(b);
            long r = x + y;
            if (((x ^ r) & (y ^ r)) >= 0) {
                return r;
            }
        }
        return normalize(big(a).add(big(b)));
    }

    public static Object sub(Object a, Object b) {
        requireNumbers(a, b, "-");
        if (a instanceof Double || b instanceof Double) {
            return toDouble(a) - toDouble(b);
        }
        if (isSmall(a) && isSmall(b)) {
            long x = asLong(a);
            long y = asLong(b);
            long r = x - y;
            if (((x ^ y) & (x ^ r)) >= 0) {
                return r;
            }
        }
        return normalize(big(a).subtract(big(b)));
    }

    public static Object mul(Object a, Object b) {
        requireNumbers(a, b, "*");
        if (a instanceof Double || b instanceof Double) {
            return toDouble(a) * toDouble(b);
        }
        long bits = (long) bitLength(a) + bitLength(b);
        if (bits > MAX_POW_BITS) {
            // the power's bound, for products: CPython would go on multiplying megabit ints
            throw new PyException("MemoryError", "integer product too large (over " + MAX_POW_BITS + " bits)");
        }
        BigInteger x = big(a);
        BigInteger y = big(b);
        if (bits > 128) {
            WorkBudget.charge(bits); // before the work, which grows faster than the result
        }
        return normalize(x.multiply(y));
    }

    /** {@code a / b}: always a float. */
    public static Object truediv(Object a, Object b) {
        requireNumbers(a, b, "/");
        if (isInt(a) && isInt(b)) {
            BigInteger y = big(b);
            if (y.signum() == 0) {
                throw new PyException("ZeroDivisionError", "division by zero");
            }
            BigInteger x = big(a);
            if (x.bitLength() <= 53 && y.bitLength() <= 53) {
                return x.doubleValue() / y.doubleValue(); // both exact: one correctly rounded division
            }
            if (x.signum() == 0) {
                return y.signum() < 0 ? -0.0 : 0.0; // 0 / -big == -0.0, as for small ints
            }
            return PyIntDivision.trueDivide(x, y);
        }
        double y = toDouble(b);
        if (y == 0.0) {
            throw new PyException("ZeroDivisionError", "float division by zero");
        }
        return toDouble(a) / y;
    }

    /** {@code a // b}. */
    public static Object floordiv(Object a, Object b) {
        requireNumbers(a, b, "//");
        if (isInt(a) && isInt(b)) {
            BigInteger y = big(b);
            if (y.signum() == 0) {
                throw new PyException("ZeroDivisionError", "integer division or modulo by zero");
            }
            BigInteger[] qr = big(a).divideAndRemainder(y);
            BigInteger q = qr[0];
            if (qr[1].signum() != 0 && (qr[1].signum() != y.signum())) {
                q = q.subtract(BigInteger.ONE);
            }
            return normalize(q);
        }
        double x = toDouble(a);
        double y = toDouble(b);
        if (y == 0.0) {
            throw new PyException("ZeroDivisionError", "float floor division by zero");
        }
        // CPython float_floor_div via divmod: mod = fmod(x, y) adjusted; div = (x - mod) / y, floored.
        double mod = x % y;
        double div = (x - mod) / y;
        if (mod != 0.0) {
            if ((y < 0) != (mod < 0)) {
                div -= 1.0;
            }
        }
        double floordiv;
        if (div != 0.0) {
            floordiv = Math.floor(div);
            if (div - floordiv > 0.5) {
                floordiv += 1.0;
            }
        } else {
            floordiv = Math.copySign(0.0, x / y);
        }
        return floordiv;
    }

    /** Upper bound on the bits of an int power result, so hostile input cannot hang the JVM. */
    public static final int MAX_POW_BITS = 1 << 20;

    /** {@code a ** b}. */
    public static Object pow(Object a, Object b) {
        requireNumbers(a, b, "** or pow()");
        if (isInt(a) && isInt(b)) {
            BigInteger base = big(a);
            BigInteger e = big(b);
            if (e.signum() < 0) {
                if (base.signum() == 0) {
                    throw new PyException("ZeroDivisionError", "0.0 cannot be raised to a negative power");
                }
                return floatPow(toDouble(a), toDouble(b));
            }
            if (base.signum() == 0 || base.equals(BigInteger.ONE)) {
                return e.signum() == 0 ? 1L : normalize(base);
            }
            if (base.equals(BigInteger.ONE.negate())) {
                return e.testBit(0) ? -1L : 1L;
            }
            if (e.bitLength() > 31 || (long) base.bitLength() * e.longValue() > MAX_POW_BITS) {
                throw new PyException("OverflowError", "integer power result too large");
            }
            long bits = (long) base.bitLength() * e.longValue();
            if (bits > 128) {
                WorkBudget.charge(2 * bits); // the squarings before the result, charged before the work
            }
            return normalize(base.pow(e.intValue()));
        }
        return floatPow(toDouble(a), toDouble(b));
    }

    private static Object floatPow(double x, double y) {
        if (x == 0.0 && y < 0) {
            throw new PyException("ZeroDivisionError", "0.0 cannot be raised to a negative power");
        }
        if (x < 0 && y != Math.rint(y) && Double.isFinite(y)) {
            // Python returns a complex here; the only consumer (float(...)) then fails with this text.
            throw new PyException("TypeError", "float() argument must be a string or a real number, not 'complex'");
        }
        double r = Math.pow(x, y);
        if (Double.isInfinite(r) && Double.isFinite(x) && Double.isFinite(y)) {
            throw new PyException("OverflowError", "(34, 'Numerical result out of range')");
        }
        return r;
    }

    public static Object neg(Object a) {
        if (a instanceof Double) {
            return -(Double) a;
        }
        if (!isInt(a)) {
            throw new PyException("TypeError", "bad operand type for unary -: '" + PyRepr.typeName(a) + "'");
        }
        if (isSmall(a) && asLong(a) != Long.MIN_VALUE) {
            return -asLong(a);
        }
        return normalize(big(a).negate());
    }

    /** Unary {@code +}: bool becomes int. */
    public static Object pos(Object a) {
        if (a instanceof Double) {
            return a;
        }
        if (!isInt(a)) {
            throw new PyException("TypeError", "bad operand type for unary +: '" + PyRepr.typeName(a) + "'");
        }
        return a instanceof Boolean ? (Long) asLong(a) : a;
    }

    public static Object abs(Object a) {
        if (a instanceof Double) {
            return Math.abs((Double) a);
        }
        if (!isInt(a)) {
            throw new PyException("TypeError", "bad operand type for abs(): '" + PyRepr.typeName(a) + "'");
        }
        if (isSmall(a) && asLong(a) != Long.MIN_VALUE) {
            return Math.abs(asLong(a));
        }
        return normalize(big(a).abs());
    }

    /**
     * {@code round(x, ndigits)}: an int stays the same int (for ndigits ≥ 0); a float is rounded
     * half-even on its exact binary value, like CPython's correctly rounded {@code round}.
     */
    public static Object round(Object x, int ndigits) {
        if (isInt(x)) {
            if (ndigits >= 0) {
                return x instanceof Boolean ? (Long) asLong(x) : x;
            }
            BigDecimal r = new BigDecimal(big(x)).setScale(ndigits, RoundingMode.HALF_EVEN);
            return normalize(r.toBigInteger());
        }
        if (x instanceof Double) {
            return round((double) (Double) x, ndigits);
        }
        throw new PyException("TypeError", "type " + PyRepr.typeName(x) + " doesn't define __round__ method");
    }

    public static double round(double x, int ndigits) {
        if (!Double.isFinite(x) || x == 0.0) {
            return x;
        }
        double r = new BigDecimal(x).setScale(ndigits, RoundingMode.HALF_EVEN).doubleValue();
        if (r == 0.0) {
            return Math.copySign(0.0, x); // round(-0.001, 2) == -0.0
        }
        return r;
    }

    /** {@code a < b} etc. as a sign: exact between ints and floats. NaN compares false everywhere. */
    public static int compare(Object a, Object b) {
        if (isSmall(a) && isSmall(b)) {
            return Long.compare(asLong(a), asLong(b));
        }
        if (a instanceof Double && b instanceof Double) {
            return Double.compare((Double) a, (Double) b);
        }
        if (isInt(a) && isInt(b)) {
            return big(a).compareTo(big(b));
        }
        requireNumbersForCompare(a, b);
        double x = a instanceof Double ? (Double) a : Double.NaN;
        double y = b instanceof Double ? (Double) b : Double.NaN;
        if (a instanceof Double && !Double.isFinite(x)) {
            return x > 0 ? 1 : -1;
        }
        if (b instanceof Double && !Double.isFinite(y)) {
            return y > 0 ? -1 : 1;
        }
        BigDecimal da = a instanceof Double ? new BigDecimal(x) : new BigDecimal(big(a));
        BigDecimal db = b instanceof Double ? new BigDecimal(y) : new BigDecimal(big(b));
        return da.compareTo(db);
    }

    private static void requireNumbersForCompare(Object a, Object b) {
        if (!isNumber(a) || !isNumber(b)) {
            throw new PyException("TypeError", "'<' not supported between instances of '"
                    + PyRepr.typeName(a) + "' and '" + PyRepr.typeName(b) + "'");
        }
    }

    private static boolean hasNaN(Object a, Object b) {
        return (a instanceof Double && Double.isNaN((Double) a)) || (b instanceof Double && Double.isNaN((Double) b));
    }

    public static boolean lt(Object a, Object b) {
        return !hasNaN(a, b) && compare(a, b) < 0;
    }

    public static boolean gt(Object a, Object b) {
        return !hasNaN(a, b) && compare(a, b) > 0;
    }

    public static boolean le(Object a, Object b) {
        return !hasNaN(a, b) && compare(a, b) <= 0;
    }

    public static boolean ge(Object a, Object b) {
        return !hasNaN(a, b) && compare(a, b) >= 0;
    }

    /** Python {@code ==}: numbers compare by value across int/float/bool; other values by equals. */
    public static boolean pyEquals(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return !hasNaN(a, b) && compare(a, b) == 0;
        }
        return java.util.Objects.equals(a, b);
    }
}
