package org.selfchallenge.pyval.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.PyMath;

/**
 * Python's {@code int(str)} and {@code float(str)} conversions of text, and the int representation
 * used throughout: a {@link Long}, or a {@link BigInteger} only when the value does not fit.
 *
 * <p>Accepted text, as CPython: surrounding Unicode whitespace ({@code str.isspace}), an optional sign,
 * Unicode decimal digits (Arabic-Indic etc. count as digits), single underscores between digits.
 * {@code float} also takes {@code inf}, {@code infinity}, {@code nan} in any case, and fraction/exponent.
 * Python 3.11's limit of {@value #MAX_STR_DIGITS} decimal digits for int/str conversions is applied (the
 * reference vectors come from 3.11.7; it also keeps a 10 MB digit string from stalling the JVM in
 * BigInteger's quadratic parser).
 */
public final class PyNumbers {
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(?:inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

    /** {@code sys.get_int_max_str_digits()} default of Python 3.11+. */
    public static final int MAX_STR_DIGITS = 4300;

    private PyNumbers() {
    }

    /** The ValueError of {@code int(s)} for a decimal string of more than 4300 digits. */
    static PyException tooManyDigits(long digits) {
        return new PyException("ValueError", "Exceeds the limit (" + MAX_STR_DIGITS + " digits) for integer string "
                + "conversion: value has " + digits + " digits; use sys.set_int_max_str_digits() to increase the limit");
    }

    /** Python's {@code str.isspace()} for one code point (Py_UNICODE_ISSPACE). */
    public static boolean isPySpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0
                || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029
                || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /**
     * CPython's {@code _PyUnicode_TransformDecimalAndSpaceToASCII} followed by stripping: Unicode spaces
     * become ' ', decimal digits their ASCII digit, any other non-ASCII char '?' (which then fails).
     */
    private static String toAsciiStripped(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp < 128) {
                b.append((char) cp);
            } else if (isPySpace(cp)) {
                b.append(' ');
            } else if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
                b.append((char) ('0' + Character.digit(cp, 10)));
            } else {
                b.append('?');
            }
        });
        int start = 0;
        int end = b.length();
        while (start < end && isPySpace(b.charAt(start))) {
            start++;
        }
        while (end > start && isPySpace(b.charAt(end - 1))) {
            end--;
        }
        return b.substring(start, end);
    }

    /**
     * End of a {@code digit (_? digit)*} run starting at {@code i}, or -1 if there is no digit at i.
     * (Scanned by hand: a regex with a repeated group overflows the stack on long inputs.)
     */
    private static int digitPart(String t, int i) {
        if (i >= t.length() || !isAsciiDigit(t.charAt(i))) {
            return -1;
        }
        i++;
        while (i < t.length()) {
            if (isAsciiDigit(t.charAt(i))) {
                i++;
            } else if (t.charAt(i) == '_' && i + 1 < t.length() && isAsciiDigit(t.charAt(i + 1))) {
                i += 2;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int sign(String t, int i) {
        return i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-') ? i + 1 : i;
    }

    /** {@code [+-]? digitpart}. */
    static boolean isIntText(String t) {
        return digitPart(t, sign(t, 0)) == t.length();
    }

    /** {@code [+-]? (digitpart [. digitpart?] | . digitpart) ([eE] [+-]? digitpart)?}. */
    static boolean isFloatText(String t) {
        int i = sign(t, 0);
        int e = digitPart(t, i);
        if (e < 0) {
            if (i >= t.length() || t.charAt(i) != '.' || (e = digitPart(t, i + 1)) < 0) {
                return false;
            }
        } else if (e < t.length() && t.charAt(e) == '.') {
            int f = digitPart(t, e + 1);
            e = f < 0 ? e + 1 : f;
        }
        if (e < t.length() && (t.charAt(e) == 'e' || t.charAt(e) == 'E')) {
            e = digitPart(t, sign(t, e + 1));
            if (e < 0) {
                return false;
            }
        }
        return e == t.length();
    }

    /** Python {@code int(s)} for a str; throws ValueError like CPython. */
    public static Object parseInt(String s) {
        String t = toAsciiStripped(s);
        if (!isIntText(t)) {
            throw new PyException("ValueError", "invalid literal for int() with base 10: " + reprForMessage(s));
        }
        String digits = t.replace("_", "");
        long n = digits.chars().filter(c -> c >= '0' && c <= '9').count();
        if (n > MAX_STR_DIGITS) {
            throw tooManyDigits(n);
        }
        return normalize(new BigInteger(digits));
    }

    /** Python {@code float(s)} for a str; throws ValueError like CPython. */
    public static double parseFloat(String s) {
        String t = toAsciiStripped(s);
        if (SPECIAL.matcher(t).matches()) {
            boolean neg = t.charAt(0) == '-';
            String w = t.toLowerCase().replace("+", "").replace("-", "");
            if (w.equals("nan")) {
                return Double.NaN;
            }
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!isFloatText(t)) {
            throw new PyException("ValueError", "could not convert string to float: " + reprForMessage(s));
        }
        // Java's parser is correctly rounded, as is CPython's dtoa.
        return Double.parseDouble(t.replace("_", ""));
    }

    /** Python {@code int(x)} for a float: truncation toward zero; OverflowError / ValueError for inf / nan. */
    public static Object truncate(double d) {
        if (Double.isNaN(d)) {
            throw new PyException("ValueError", "cannot convert float NaN to integer");
        }
        if (Double.isInfinite(d)) {
            throw new PyException("OverflowError", "cannot convert float infinity to integer");
        }
        return normalize(new BigDecimal(d).toBigInteger());
    }

    /** A Python int as {@link Long} when it fits, else {@link BigInteger}. */
    public static Object normalize(BigInteger v) {
        return PyMath.normalize(v);
    }

    public static boolean isInt(Object o) {
        return o instanceof Long || o instanceof BigInteger || o instanceof Integer;
    }

    /** An int or bool as BigInteger (bool is an int subclass in Python). */
    public static BigInteger big(Object o) {
        if (o instanceof BigInteger b) {
            org.selfchallenge.pyval.WorkBudget.chargeBits(b);
            return b;
        }
        if (o instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        return BigInteger.valueOf(((Number) o).longValue());
    }

    /** Python {@code float(x)} of an int, bool or float; OverflowError when too large. */
    public static double toDouble(Object o) {
        return PyMath.toDouble(o);
    }

    /** Short single-quoted rendering for error messages only (not a general repr). */
    static String reprForMessage(String s) {
        return s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' + s + '"' : "'" + s.replace("'", "\\'") + "'";
    }
}
