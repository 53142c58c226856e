package org.selfchallenge.pyval.expr;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.selfchallenge.pyval.PyException;
import org.selfchallenge.pyval.PyRepr;
import org.selfchallenge.pyval.PyTuple;

/**
 * {@code str()}/{@code repr()} for every value this package can produce, i.e. {@link PyRepr}'s types plus
 * the literal-only types {@link PySet}, {@link PyComplex}, {@link PyBytes}, {@link PyEllipsis} (which an
 * answer parsed by {@code literal_eval} or a calculator result may contain). Leaves are rendered by
 * {@link PyRepr}; only the containers are walked here, so that nested extended values work.
 */
public final class PyStr {
    /** 10^4300: ints at least this large have more than 4300 digits. */
    private static final BigInteger LIMIT = BigInteger.TEN.pow(PyNumbers.MAX_STR_DIGITS);

    private PyStr() {
    }

    public static String str(Object v) {
        return v instanceof String s ? s : repr(v);
    }

    public static String repr(Object v) {
        StringBuilder sb = new StringBuilder();
        append(sb, v);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Object v) {
        if (v instanceof PyTuple t) {
            sb.append('(');
            items(sb, t.items());
            sb.append(t.items().size() == 1 ? ",)" : ")");
        } else if (v instanceof List<?> l) {
            sb.append('[');
            items(sb, l);
            sb.append(']');
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                append(sb, e.getKey());
                sb.append(": ");
                append(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof PySet s) {
            if (s.items().isEmpty()) {
                sb.append("set()");
            } else {
                sb.append('{');
                items(sb, s.items());
                sb.append('}');
            }
        } else if (v instanceof PyComplex c) {
            sb.append(complexRepr(c));
        } else if (v instanceof PyBytes b) {
            sb.append(bytesRepr(b.data()));
        } else if (v instanceof PyEllipsis) {
            sb.append("Ellipsis");
        } else if (v instanceof BigInteger b && b.abs().compareTo(LIMIT) >= 0) {
            // Python 3.11: str() of an int with more than 4300 digits raises
            throw new PyException("ValueError", "Exceeds the limit (" + PyNumbers.MAX_STR_DIGITS + " digits) for integer "
                    + "string conversion; use sys.set_int_max_str_digits() to increase the limit");
        } else {
            PyRepr.appendRepr(sb, v);
        }
    }

    private static void items(StringBuilder sb, List<?> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            append(sb, items.get(i));
        }
    }

    /** CPython complex_repr: {@code 1j}, {@code (1+2j)}, {@code (-0-1j)}; components as repr without ".0". */
    static String complexRepr(PyComplex c) {
        if (c.real() == 0.0 && Math.copySign(1.0, c.real()) > 0) {
            return component(c.imag()) + "j";
        }
        String im = component(c.imag());
        if (!im.startsWith("-")) {
            im = "+" + im;
        }
        return "(" + component(c.real()) + im + "j)";
    }

    private static String component(double d) {
        String r = PyRepr.floatRepr(d);
        return r.endsWith(".0") ? r.substring(0, r.length() - 2) : r;
    }

    /** CPython bytes_repr. */
    static String bytesRepr(byte[] data) {
        boolean single = false;
        boolean dbl = false;
        for (byte x : data) {
            single |= x == '\'';
            dbl |= x == '"';
        }
        char quote = single && !dbl ? '"' : '\'';
        StringBuilder sb = new StringBuilder("b").append(quote);
        for (byte x : data) {
            int c = x & 0xFF;
            if (c == quote || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < ' ' || c >= 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.append(quote).toString();
    }
}
