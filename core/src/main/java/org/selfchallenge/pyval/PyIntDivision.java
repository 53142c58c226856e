package org.selfchallenge.pyval;

import java.math.BigInteger;

/**
 * {@code int / int} for ints beyond 53 bits, as CPython's {@code long_true_divide}: the dividend is shifted
 * so the quotient has 55-56 bits, one integer division, then round-half-even on those bits (with a sticky
 * bit for a nonzero remainder or shifted-out bits) and an exact scale. Its cost is one division of the
 * operands' size, where a decimal division of two megabit ints took over a second.
 */
final class PyIntDivision {
    private PyIntDivision() {
    }

    private static final int DBL_MANT_DIG = 53;
    private static final int DBL_MAX_EXP = 1024;
    private static final int DBL_MIN_EXP = -1021;

    /** {@code a / b}, correctly rounded; {@code a != 0}, {@code b != 0}. */
    static double trueDivide(BigInteger a, BigInteger b) {
        boolean negate = a.signum() != b.signum();
        BigInteger x = a.abs();
        BigInteger y = b.abs();
        long diff = (long) x.bitLength() - y.bitLength();
        if (diff > DBL_MAX_EXP) {
            throw overflow();
        }
        if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1) {
            return negate ? -0.0 : 0.0;
        }
        int shift = (int) Math.max(diff, DBL_MIN_EXP) - DBL_MANT_DIG - 2;
        boolean inexact = false;
        if (shift <= 0) {
            x = x.shiftLeft(-shift);
        } else {
            inexact = x.getLowestSetBit() < shift;
            x = x.shiftRight(shift);
        }
        BigInteger[] qr = x.divideAndRemainder(y);
        inexact |= qr[1].signum() != 0;
        long q = qr[0].longValue();
        int qBits = 64 - Long.numberOfLeadingZeros(q);
        int extraBits = Math.max(qBits, DBL_MIN_EXP - shift) - DBL_MANT_DIG;
        long mask = 1L << (extraBits - 1);
        long low = q | (inexact ? 1 : 0);
        if ((low & mask) != 0 && (low & (3 * mask - 1)) != 0) {
            low += mask;
        }
        double dx = (double) (low & ~(2 * mask - 1));
        double r = Math.scalb(dx, shift);
        if (Double.isInfinite(r)) {
            throw overflow();
        }
        return negate ? -r : r;
    }

    private static PyException overflow() {
        return new PyException("OverflowError", "integer division result too large for a float");
    }
}
