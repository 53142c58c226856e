package org.selfchallenge.pyval.expr;

import org.selfchallenge.pyval.PyException;

/**
 * CPython 3.11's complex arithmetic ({@code Objects/complexobject.c}): componentwise {@code + -},
 * the textbook product, Smith's quotient, integer powers |n| &lt;= 100 by repeated squaring
 * ({@code c_powi}) and other powers in polar form ({@code _Py_c_pow}). A real operand is first made
 * {@code complex(float(x), 0.0)}, as CPython does. Polar powers use {@link Math} (whose intrinsics agree
 * with glibc where StrictMath does not, e.g. log(3)); a last-bit difference from the C library remains
 * possible.
 */
final class PyComplexMath {
    private static final PyComplex ONE = new PyComplex(1.0, 0.0);

    private PyComplexMath() {
    }

    static PyComplex toComplex(Object o) {
        if (o instanceof PyComplex c) {
            return c;
        }
        return new PyComplex(PyNumbers.toDouble(o), 0.0);
    }

    static Object binary(String op, Object x, Object y) {
        PyComplex a = toComplex(x);
        PyComplex b = toComplex(y);
        return switch (op) {
            case "+" -> new PyComplex(a.real() + b.real(), a.imag() + b.imag());
            case "-" -> new PyComplex(a.real() - b.real(), a.imag() - b.imag());
            case "*" -> prod(a, b);
            case "/" -> {
                PyComplex q = quot(a, b);
                if (q == null) {
                    throw new PyException("ZeroDivisionError", "complex division by zero");
                }
                yield q;
            }
            case "**" -> pow(a, b);
            default -> throw new PyException("TypeError", "unsupported operand type(s) for " + op + ": '"
                    + PyOps.typeName(x) + "' and '" + PyOps.typeName(y) + "'");
        };
    }

    private static PyComplex prod(PyComplex a, PyComplex b) {
        return new PyComplex(a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real());
    }

    /** _Py_c_quot; null on division by zero. */
    private static PyComplex quot(PyComplex a, PyComplex b) {
        double absBr = Math.abs(b.real());
        double absBi = Math.abs(b.imag());
        if (absBr >= absBi) {
            if (absBr == 0.0) {
                return null;
            }
            double ratio = b.imag() / b.real();
            double denom = b.real() + b.imag() * ratio;
            return new PyComplex((a.real() + a.imag() * ratio) / denom, (a.imag() - a.real() * ratio) / denom);
        }
        if (absBi >= absBr) {
            double ratio = b.real() / b.imag();
            double denom = b.real() * ratio + b.imag();
            return new PyComplex((a.real() * ratio + a.imag()) / denom, (a.imag() * ratio - a.real()) / denom);
        }
        return new PyComplex(Double.NaN, Double.NaN);
    }

    private static PyComplex pow(PyComplex a, PyComplex b) {
        PyComplex p;
        if (b.imag() == 0.0 && b.real() == Math.floor(b.real()) && Math.abs(b.real()) <= 100.0) {
            long n = (long) b.real();
            if (n > 0) {
                p = powu(a, n);
            } else {
                p = quot(ONE, powu(a, -n));
                if (p == null) {
                    throw new PyException("ZeroDivisionError", "0.0 to a negative or complex power");
                }
            }
        } else {
            if (b.real() == 0.0 && b.imag() == 0.0) {
                p = ONE;
            } else if (a.real() == 0.0 && a.imag() == 0.0) {
                if (b.imag() != 0.0 || b.real() < 0.0) {
                    throw new PyException("ZeroDivisionError", "0.0 to a negative or complex power");
                }
                p = new PyComplex(0.0, 0.0);
            } else {
                double vabs = Math.hypot(a.real(), a.imag());
                double len = Math.pow(vabs, b.real());
                double at = Math.atan2(a.imag(), a.real());
                double phase = at * b.real();
                if (b.imag() != 0.0) {
                    len /= Math.exp(at * b.imag());
                    phase += b.imag() * Math.log(vabs);
                }
                p = new PyComplex(len * Math.cos(phase), len * Math.sin(phase));
            }
        }
        if (Double.isInfinite(p.real()) || Double.isInfinite(p.imag())) {
            throw new PyException("OverflowError", "complex exponentiation");
        }
        return p;
    }

    /** c_powu: binary exponentiation with CPython's multiplication order. */
    private static PyComplex powu(PyComplex x, long n) {
        PyComplex r = ONE;
        PyComplex p = x;
        long mask = 1;
        while (mask > 0 && n >= mask) {
            if ((n & mask) != 0) {
                r = prod(r, p);
            }
            mask <<= 1;
            p = prod(p, p);
        }
        return r;
    }
}
