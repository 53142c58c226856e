package org.selfchallenge.pyval;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPython 3.11 {@code repr()} and {@code str()} of Python values held in Java (see
 * {@link org.selfchallenge.env.Environment} for the type mapping).
 *
 * <p>Floats: {@code repr(float)} is the shortest decimal that round-trips ({@code float_repr_style
 * 'short'}), written in fixed notation when the decimal exponent {@code decpt} (value = 0.d1d2… ×
 * 10^decpt) satisfies {@code -4 < decpt <= 16}, else as {@code d.ddde±XX}. Java 17's
 * {@code Double.toString} is not shortest, so digits come from Jackson's Schubfach
 * ({@link DoubleToDecimal}), then one fix-up: Java's spec prefers a closer 2-digit decimal over a
 * 1-digit one that also round-trips (4.9E-324), Python takes the shortest (5e-324).
 */
public final class PyRepr {
    private PyRepr() {
    }

    /** {@code str(x)}: the string itself for a str, {@code repr} otherwise. */
    public static String str(Object v) {
        if (v instanceof String) {
            return (String) v;
        }
        return repr(v);
    }

    public static String repr(Object v) {
        StringBuilder sb = new StringBuilder();
        appendRepr(sb, v);
        return sb.toString();
    }

    public static void appendRepr(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("None");
        } else if (v instanceof String) {
            appendStr(sb, (String) v);
        } else if (v instanceof Boolean) {
            sb.append(((Boolean) v) ? "True" : "False");
        } else if (v instanceof Double) {
            appendFloat(sb, (Double) v);
        } else if (v instanceof Long || v instanceof BigInteger || v instanceof Integer) {
            sb.append(v.toString());
        } else if (v instanceof PyTuple) {
            List<Object> items = ((PyTuple) v).items();
            sb.append('(');
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                appendRepr(sb, items.get(i));
            }
            if (items.size() == 1) {
                sb.append(',');
            }
            sb.append(')');
        } else if (v instanceof List) {
            List<?> items = (List<?>) v;
            sb.append('[');
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                appendRepr(sb, items.get(i));
            }
            sb.append(']');
        } else if (v instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                appendRepr(sb, e.getKey());
                sb.append(": ");
                appendRepr(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof Set) {
            Collection<?> c = (Collection<?>) v;
            if (c.isEmpty()) {
                sb.append("set()");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                appendRepr(sb, o);
            }
            sb.append('}');
        } else {
            throw new IllegalArgumentException("not a Python value: " + v.getClass().getName());
        }
    }

    /** Python type name, for error messages ({@code 'int' object is not ...}). */
    public static String typeName(Object v) {
        if (v == null) {
            return "NoneType";
        } else if (v instanceof String) {
            return "str";
        } else if (v instanceof Boolean) {
            return "bool";
        } else if (v instanceof Double) {
            return "float";
        } else if (v instanceof Long || v instanceof BigInteger || v instanceof Integer) {
            return "int";
        } else if (v instanceof PyTuple) {
            return "tuple";
        } else if (v instanceof List) {
            return "list";
        } else if (v instanceof Map) {
            return "dict";
        } else if (v instanceof Set) {
            return "set";
        }
        return v.getClass().getSimpleName();
    }

    // ------------------------------------------------------------------ str repr

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** {@code unicode_repr}: quote choice, backslash escapes, non-printables as \\x/\\u/\\U. */
    public static void appendStr(StringBuilder sb, String s) {
        boolean hasSingle = s.indexOf('\'') >= 0;
        boolean hasDouble = s.indexOf('"') >= 0;
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        sb.append(quote);
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= ' ' && c < 0x7f) {
                if (c == quote || c == '\\') {
                    sb.append('\\');
                }
                sb.append(c);
                continue;
            }
            if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < ' ' || c == 0x7f) {
                hex(sb, 'x', c, 2);
            } else {
                int cp = c;
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    cp = Character.toCodePoint(c, s.charAt(i + 1));
                    i++;
                }
                if (isPrintable(cp)) {
                    sb.appendCodePoint(cp);
                } else if (cp <= 0xff) {
                    hex(sb, 'x', cp, 2);
                } else if (cp <= 0xffff) {
                    hex(sb, 'u', cp, 4);
                } else {
                    hex(sb, 'U', cp, 8);
                }
            }
        }
        sb.append(quote);
    }

    private static void hex(StringBuilder sb, char kind, int cp, int digits) {
        sb.append('\\').append(kind);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            sb.append(HEX[(cp >> shift) & 15]);
        }
    }

    /** {@code Py_UNICODE_ISPRINTABLE}: not in categories Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs (space excepted). */
    static boolean isPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }

    // ------------------------------------------------------------------ float repr

    public static String floatRepr(double d) {
        StringBuilder sb = new StringBuilder(24);
        appendFloat(sb, d);
        return sb.toString();
    }

    public static void appendFloat(StringBuilder sb, double d) {
        if (Double.isNaN(d)) {
            sb.append("nan");
            return;
        }
        if (Double.isInfinite(d)) {
            sb.append(d > 0 ? "inf" : "-inf");
            return;
        }
        if (d == 0.0) {
            sb.append(1.0 / d < 0 ? "-0.0" : "0.0");
            return;
        }
        if (d < 0) {
            sb.append('-');
            d = -d;
        }
        // Fast path: integral values below 2^53 print exactly as their digits.
        if (d < 1e16 && d == Math.rint(d)) {
            sb.append((long) d).append(".0");
            return;
        }
        if (d < FAST_LIMIT && appendFewDecimals(sb, d)) {
            return;
        }
        String[] dd = shortestDigits(d);
        String digits = dd[0];
        int decpt = Integer.parseInt(dd[1]);
        formatRepr(sb, digits, decpt);
    }

    private static final double FAST_LIMIT = 1e9;
    private static final double[] POW10 = {1, 10, 100, 1000};

    /**
     * Fast path for the common money-like floats (0.001 ≤ d &lt; 1e9 with at most 3 decimals): the
     * first k in 1..3 with {@code m = round(d·10^k)} and {@code m / 10^k == d} (one correctly rounded
     * division, so the k-decimal string round-trips) is the shortest repr, and it is unique because
     * 10^-k is far above the spacing of doubles below 1e9. Returns false when no such k exists.
     */
    private static boolean appendFewDecimals(StringBuilder sb, double d) {
        for (int k = 1; k <= 3; k++) {
            long m = Math.round(d * POW10[k]);
            if (m / POW10[k] == d) {
                long p = (long) POW10[k];
                long ip = m / p;
                long fp = m % p;
                sb.append(ip).append('.');
                String f = Long.toString(fp);
                for (int i = f.length(); i < k; i++) {
                    sb.append('0');
                }
                sb.append(f);
                return true;
            }
        }
        return false;
    }

    /** The general path only (no fast paths), for tests. */
    static String floatReprGeneral(double d) {
        if (!(d > 0) || Double.isInfinite(d)) {
            return floatRepr(d);
        }
        StringBuilder sb = new StringBuilder();
        String[] dd = shortestDigits(d);
        formatRepr(sb, dd[0], Integer.parseInt(dd[1]));
        return sb.toString();
    }

    /** Writes digits d1d2…dn × 10^(decpt-n) the way {@code float_repr_style 'short'} does. */
    private static void formatRepr(StringBuilder sb, String digits, int decpt) {
        int n = digits.length();
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                sb.append("0.");
                for (int i = 0; i < -decpt; i++) {
                    sb.append('0');
                }
                sb.append(digits);
            } else if (decpt >= n) {
                sb.append(digits);
                for (int i = n; i < decpt; i++) {
                    sb.append('0');
                }
                sb.append(".0");
            } else {
                sb.append(digits, 0, decpt).append('.').append(digits, decpt, n);
            }
        } else {
            sb.append(digits.charAt(0));
            if (n > 1) {
                sb.append('.').append(digits, 1, n);
            }
            int exp = decpt - 1;
            sb.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) {
                sb.append('0');
            }
            sb.append(a);
        }
    }

    /**
     * Shortest round-trip digits of a positive finite double: {digits without leading/trailing zeros,
     * decpt} with value = 0.digits × 10^decpt.
     */
    static String[] shortestDigits(double d) {
        String j = DoubleToDecimal.toString(d); // e.g. "123.45", "1.0E-5", "4.9E-324"
        int ePos = j.indexOf('E');
        String mant = ePos < 0 ? j : j.substring(0, ePos);
        int exp10 = ePos < 0 ? 0 : Integer.parseInt(j.substring(ePos + 1));
        int dot = mant.indexOf('.');
        String intPart = mant.substring(0, dot);
        String frac = mant.substring(dot + 1);
        String all = intPart + frac;
        int decpt = intPart.length() + exp10;
        int lead = 0;
        while (lead < all.length() - 1 && all.charAt(lead) == '0') {
            lead++;
        }
        all = all.substring(lead);
        decpt -= lead;
        int end = all.length();
        while (end > 1 && all.charAt(end - 1) == '0') {
            end--;
        }
        all = all.substring(0, end);
        if (all.length() == 2) {
            // Java may prefer a closer 2-digit decimal although a 1-digit one round-trips; Python takes
            // the 1-digit one closest to the exact value.
            BigDecimal exact = new BigDecimal(d);
            BigDecimal best = null;
            for (int cand : new int[] {all.charAt(0) - '0', all.charAt(0) - '0' + 1}) {
                if (cand == 0) {
                    continue;
                }
                BigDecimal c = BigDecimal.valueOf(cand).scaleByPowerOfTen(decpt - 1);
                if (c.doubleValue() == d && (best == null
                        || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                    best = c;
                }
            }
            if (best != null) {
                BigDecimal norm = best.stripTrailingZeros();
                String digs = norm.unscaledValue().toString();
                return new String[] {digs, Integer.toString(digs.length() - norm.scale())};
            }
        }
        return new String[] {all, Integer.toString(decpt)};
    }
}
